/**
 * `npm run bench:profile [-- --queries TraderDashboard] [--dir DIR] [other bench flags]`: runs the bench's
 * query section with the gateway under `--cpu-prof`, then prints where the gateway's CPU time went: by
 * layer (parse, validate, execute, each plugin, logging, metrics, tracing, undici, …) and the top frames.
 * `node bench/profile.ts --summarize FILE.cpuprofile` prints the same for a profile already written.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs, runBench } from './run.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Layers by where a frame's code lives; the first match wins. */
const layers: [RegExp, string][] = [
  [/node_modules\/graphql\/language\//, 'graphql: language (parse, visit)'],
  [/node_modules\/graphql\/validation\//, 'graphql: validate'],
  [/node_modules\/graphql\/execution\//, 'graphql: execute'],
  [/node_modules\/graphql\//, 'graphql: types, utilities'],
  [/node_modules\/(pino|fast-redact|@pinojs|sonic-boom|thread-stream|quick-format-unescaped|fast-safe-stringify|on-exit-leak-free)\//, 'logging: pino'],
  [/src\/observability\/logger\.ts/, 'logging: redaction and scrubbing (logger.ts)'],
  [/node_modules\/prom-client\//, 'metrics: prom-client'],
  [/node_modules\/(@opentelemetry|@envelop\/opentelemetry)\//, 'tracing: OpenTelemetry'],
  [/node_modules\/undici\//, 'undici (upstream HTTP client)'],
  [/node_modules\/@whatwg-node\//, 'Yoga HTTP layer (@whatwg-node)'],
  [/node_modules\/(graphql-yoga|@graphql-yoga)\//, 'Yoga'],
  [/node_modules\/@envelop\/core\//, 'envelop (plugin orchestration)'],
  [/node_modules\/@envelop\/([^/]+)\//, 'envelop plugin'],
  [/node_modules\/@escape\.tech\//, 'GraphQL Armor (query limits)'],
  [/node_modules\/@pothos\//, 'Pothos (resolver wrappers, complexity, scopes)'],
  [/node_modules\/dataloader\//, 'dataloader'],
  [/node_modules\/cockatiel\//, 'cockatiel (upstream policies)'],
  [/node_modules\/zod\//, 'zod (upstream answer decoding)'],
  [/node_modules\/@graphql-tools\//, 'graphql-tools'],
  [/node_modules\/([^/]+)\//, 'other packages'],
  [/\/src\/observability\//, 'gateway: observability plugins'],
  [/\/src\/upstreams\//, 'gateway: upstream clients'],
  [/\/src\/graph\//, 'gateway: resolvers and graph helpers'],
  [/\/src\//, 'gateway: other modules'],
];

const layerOf = (url: string): string | undefined => layers.find(([pattern]) => pattern.test(url))?.[1];

/** Named by the package or file it lives in, with its line. */
function frameName(frame: ProfileNode['callFrame']): string {
  const where = frame.url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/(src|bench)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : '(native)'}`;
}

/**
 * Steps of a request by a frame on the stack: a sample counts for every step one of its frames belongs
 * to (so steps nest: execution holds the resolvers' upstream calls' synchronous part).
 */
const steps: [string, (frame: ProfileNode['callFrame']) => boolean][] = [
  ['parse', (f) => f.functionName === 'parse' && f.url.includes('graphql/language/parser')],
  ["graphql-js validate (Yoga's rules, cached per document, and the cost rule's walk)", (f) => f.functionName === 'validate' && f.url.includes('graphql/validation/validate') ],
  ['cost (src/security/cost.ts)', (f) => f.functionName === 'operationCost' || f.functionName === 'costOf'],
  ['execute (its synchronous part; resolvers continued from the microtask queue are not under it)', (f) => (f.functionName === 'execute' && f.url.includes('@graphql-tools/executor'))],
  ['serialize the answer (response-size check, Yoga)', (f) => f.functionName === 'jsonStringifyResultWithoutInternals' || (f.functionName === 'capped' && f.url.includes('response-size'))],
  ['context (caller identified, upstream clients bound)', (f) => f.url.includes('src/app.ts') && f.functionName === 'context'],
  ['operation records (log line, metrics)', (f) => f.functionName === 'finish' && f.url.includes('src/observability/graphql')],
  ['logging: every pino call', (f) => f.functionName === 'LOG' && f.url.includes('pino/lib/tools')],
  ['metrics: prom-client', (f) => f.url.includes('node_modules/prom-client/')],
  // Self time only: a no-op context switch wraps each whole request.
  ['tracing: OpenTelemetry (its own frames)', (f) => f.url.includes('node_modules/@opentelemetry/') || f.url.includes('node_modules/@envelop/opentelemetry/')],
  ['upstream call (policies, undici, decoding)', (f) => f.functionName === 'exchange' && f.url.includes('src/upstreams/http')],
  ['undici', (f) => f.url.includes('node_modules/undici/')],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
];

export interface ProfileSummary {
  /** Sampled time outside idle, ms. */
  busyMs: number;
  steps: [string, number][];
  layers: [string, number][];
  frames: [string, number][];
}

/** The gateway's start (loading and compiling modules) is over well within this; the bench's queries come after. */
const startupMs = 3_000;

/**
 * Each sample's time goes to the layer of its innermost frame that has one: a builtin (JSON.stringify, a
 * regular expression) or Node's internals count for the code that called them. Garbage collection and
 * V8's own work stay apart. The first `startupMs` are left out.
 */
export function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const layerOfNode = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = layerOfNode.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const name = node.callFrame.functionName;
    let layer = name === '(garbage collector)' ? 'V8: garbage collection' : name === '(program)' ? 'V8: program (compiling, runtime)' : layerOf(node.callFrame.url);
    if (!layer) {
      const up = parent.get(id);
      layer = up === undefined || byId.get(up)!.callFrame.functionName === '(root)' ? 'Node internals (timers, streams, sockets)' : resolve(up);
    }
    layerOfNode.set(id, layer);
    return layer;
  };
  const layerMs = new Map<string, number>();
  const frameMs = new Map<string, number>();
  const stepMs = new Map<string, number>(steps.map(([name]) => [name, 0]));
  let busyMs = 0;
  let atMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    atMs += ms;
    const node = byId.get(id)!;
    if (atMs < startupMs || node.callFrame.functionName === '(idle)') return;
    busyMs += ms;
    const layer = resolve(id);
    layerMs.set(layer, (layerMs.get(layer) ?? 0) + ms);
    const frame = frameName(node.callFrame);
    frameMs.set(frame, (frameMs.get(frame) ?? 0) + ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const callFrame = byId.get(at)!.callFrame;
      for (const [name, belongs] of steps) if (belongs(callFrame) && (at === id || !name.endsWith('(its own frames)'))) onStack.add(name);
    }
    for (const name of onStack) stepMs.set(name, stepMs.get(name)! + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs, steps: [...stepMs], layers: sorted(layerMs), frames: sorted(frameMs) };
}

export function renderSummary(s: ProfileSummary, top = 25): string {
  const pct = (ms: number) => `${((ms / s.busyMs) * 100).toFixed(1)}%`;
  return [
    `Busy (not idle) ${s.busyMs.toFixed(0)} ms sampled after the first ${startupMs / 1000} s (the start).`,
    '',
    '| step (inclusive) | share of busy time |',
    '|---|---|',
    ...s.steps.map(([name, ms]) => `| ${name} | ${pct(ms)} |`),
    '',
    '| layer (self time) | share of busy time |',
    '|---|---|',
    ...s.layers.map(([name, ms]) => `| ${name} | ${pct(ms)} |`),
    '',
    '| top frames (self time) | share |',
    '|---|---|',
    ...s.frames.slice(0, top).map(([name, ms]) => `| \`${name.replaceAll('|', '\\|')}\` | ${pct(ms)} |`),
  ].join('\n');
}

const argv = process.argv.slice(2);
const given = argv.indexOf('--summarize');
if (given >= 0) {
  console.log(renderSummary(summarize(JSON.parse(readFileSync(argv[given + 1]!, 'utf8')) as CpuProfile)));
} else {
  const dirAt = argv.indexOf('--dir');
  const dir = dirAt >= 0 ? argv[dirAt + 1]! : mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const rest = dirAt >= 0 ? argv.filter((_, i) => i !== dirAt && i !== dirAt + 1) : argv;
  const options = parseBenchArgs(['--only', 'queries', '--out', join(dir, 'BENCHMARKS.queries.md'), ...rest]);
  await runBench({ ...options, cpuProfileDir: dir });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    console.log(`\n## ${join(dir, file)}\n`);
    console.log(renderSummary(summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile)));
  }
}
