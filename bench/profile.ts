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
  [/node_modules\/graphql\/language\//, 'graphql: parse (language)'],
  [/node_modules\/graphql\/validation\//, 'graphql: validate'],
  [/node_modules\/graphql\/execution\//, 'graphql: execute'],
  [/node_modules\/graphql-jit\//, 'graphql-jit (compile, compiled execution)'],
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

export interface ProfileSummary {
  /** Sampled time outside idle, ms. */
  busyMs: number;
  layers: [string, number][];
  frames: [string, number][];
}

/**
 * Each sample's time goes to the layer of its innermost frame that has one: a builtin (JSON.stringify, a
 * regular expression) or Node's internals count for the code that called them. Garbage collection and
 * V8's own work stay apart.
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
  let busyMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') return;
    busyMs += ms;
    const layer = resolve(id);
    layerMs.set(layer, (layerMs.get(layer) ?? 0) + ms);
    const frame = frameName(node.callFrame);
    frameMs.set(frame, (frameMs.get(frame) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busyMs, layers: sorted(layerMs), frames: sorted(frameMs) };
}

export function renderSummary(s: ProfileSummary, top = 25): string {
  const pct = (ms: number) => `${((ms / s.busyMs) * 100).toFixed(1)}%`;
  return [
    `Busy (not idle) ${s.busyMs.toFixed(0)} ms sampled.`,
    '',
    '| layer | share of busy time |',
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
