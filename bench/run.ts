/**
 * `npm run bench`: every figure of BENCHMARKS.md, measured side by side in one run. The simulators,
 * the gateway (`node src/main.ts`) and the WebSocket subscribers each run in a process of their own;
 * this process generates the HTTP load and reads the others' CPU time and memory from /proc.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { upstreamHttpDefaults } from '../src/upstreams/http.ts';
import { abuseCases, measureAbuse, rateLimitedPace, type AbuseResult } from './abuse.ts';
import { countByRoute, rounds, type UpstreamCall } from '../test/support/gateway.ts';
import { measureFanout, type FanoutResult } from './fanout.ts';
import { alternatingLatency, closedLoop, GatewayClient, openLoop, type OpenLoopResult, type Operation } from './load.ts';
import { checkoutBaseline } from './baseline.ts';
import {
  describeMachine,
  withCpu,
  loadAverage,
  sampleProcess,
  startGatewayProcess,
  startSimulatorsProcess,
  type CollectedMemory,
  type CpuShares,
  type GatewayProcess,
  type GatewayProcessOptions,
  type Machine,
  type SimulatorsProcess,
} from './processes.ts';
import { contractQueries, DirectClient, operationText, type Fixtures, type NaiveCount } from './queries.ts';
import { renderReport } from './report.ts';
import { mode, summarize, type LatencySummary } from './stats.ts';

export interface BenchOptions {
  /** Where the report goes. @default BENCHMARKS.md in the repository */
  out: string;
  quick: boolean;
  /** Injected latency of every upstream call, ms. @default 5 */
  latencyMs: number;
  /** Sequential requests per query, each for the gateway and for the direct calls. @default 300 (quick 20) */
  samples: number;
  /** Closed-loop run per query and side, s. @default 4 (quick 0.5) */
  throughputSeconds: number;
  /** Requests in flight in the closed loop. @default 16 */
  concurrency: number;
  /** Runs per query for calls and rounds. @default 5 (quick 2) */
  callRuns: number;
  /** Subscriber counts for the fan-out. @default 1,000 and 10,000 (quick 20) */
  subscribers: number[];
  /** The fan-out's mixed case: this many subscribers over that many accounts (`--mixed 10000x100`). @default 10,000 over 100 (quick 20 over 4) */
  mixed: { subscribers: number; accounts: number } | undefined;
  /** Length of each rate probe before the sustained run, s. @default 8 (quick 2) */
  probeSeconds: number;
  /** Rate probes at most, each 20% above the last that passed. @default 8 (quick 2) */
  maxProbes: number;
  /** The sustained run, s. @default 60 (quick 5) */
  loadSeconds: number;
  /** The open loop's p99 bound for a rate to count as sustained, ms. @default 500 */
  sustainedP99Ms: number;
  /** Each stretch of the abuse section (the end user alone, then beside one abusive request), s. @default 20 (quick 3) */
  abuseSeconds: number;
  /** The end user's `Me` requests per second in the abuse section. @default 20 */
  ordinaryRate: number;
  /** The sections to run (`--only queries,load`): the others are left out of the report. @default all */
  sections: ReadonlySet<BenchSection>;
  /** `--queries A,B`: only these contract queries in the query section. @default all */
  queries: readonly string[] | undefined;
  /** `--baseline <commit>`: a second gateway from that commit, measured beside this one in each query's runs and the load run. */
  baseline: string | undefined;
  /** `--upstream-resilience JSON`: UPSTREAM_RESILIENCE for this gateway (not the baseline), to measure other upstream settings. */
  upstreamResilience: string | undefined;
  /** `--cpu-prof <dir>`: the gateway writes a V8 CPU profile there when it stops (`npm run bench:profile` summarizes it). */
  cpuProfileDir: string | undefined;
  /** What the report should say of the run's circumstances (`--note`), e.g. that the machine was shared. */
  note: string | undefined;
  /** The arguments as given, for the report. */
  argv: string[];
}

export const benchSections = ['queries', 'load', 'abuse', 'fanout'] as const;
export type BenchSection = (typeof benchSections)[number];

function sectionsFrom(list: string | undefined): ReadonlySet<BenchSection> {
  if (list === undefined) return new Set(benchSections);
  const names = list.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(benchSections as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) throw new Error(`--only: expected some of ${benchSections.join(', ')}, got ${list}`);
  return new Set(names as BenchSection[]);
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const known = new Set(contractQueries.map((q) => q.name));
  const quick = argv.includes('--quick');
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  };
  const number = (name: string, fallback: number): number => {
    const v = value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}: expected a positive number, got ${v}`);
    return n;
  };
  const subscribers = value('--subscribers');
  const mixed = /^(\d+)x(\d+)$/.exec(value('--mixed') ?? (quick ? '20x4' : '10000x100'));
  return {
    out: value('--out') ?? new URL('../BENCHMARKS.md', import.meta.url).pathname,
    quick,
    latencyMs: number('--latency-ms', 5),
    samples: number('--samples', quick ? 20 : 300),
    throughputSeconds: number('--throughput-seconds', quick ? 0.5 : 4),
    concurrency: number('--concurrency', 16),
    callRuns: number('--call-runs', quick ? 2 : 5),
    subscribers: subscribers ? subscribers.split(',').map(Number).filter((n) => n > 0) : quick ? [20] : [1_000, 10_000],
    mixed: mixed ? { subscribers: Number(mixed[1]), accounts: Number(mixed[2]) } : undefined,
    probeSeconds: number('--probe-seconds', quick ? 2 : 8),
    loadSeconds: number('--load-seconds', quick ? 5 : 60),
    maxProbes: number('--probes', quick ? 2 : 8),
    sustainedP99Ms: number('--sustained-p99-ms', 500),
    abuseSeconds: number('--abuse-seconds', quick ? 3 : 20),
    ordinaryRate: number('--ordinary-rate', 20),
    sections: sectionsFrom(value('--only')),
    queries: value('--queries')
      ?.split(',')
      .map((n) => {
        if (!known.has(n.trim())) throw new Error(`--queries: ${n} is not one of ${[...known].join(', ')}`);
        return n.trim();
      }),
    baseline: value('--baseline'),
    cpuProfileDir: value('--cpu-prof'),
    upstreamResilience: value('--upstream-resilience'),
    note: value('--note'),
    argv,
  };
}

export interface GatewaySide {
  latency: LatencySummary;
  perSecond: number;
  errors: number;
  cpuMsPerQuery: number;
  cpu: CpuShares;
}

export interface QueryResult {
  name: string;
  /** Requests in flight in the closed loop. */
  concurrency: number;
  gateway: GatewaySide;
  direct: { latency: LatencySummary; perSecond: number; errors: number };
  /** The `--baseline` commit's gateway, measured in the same runs. */
  baseline?: GatewaySide | undefined;
  calls: { gateway: number; direct: number; byRoute: Record<string, number>; naive: NaiveCount };
  rounds: { gateway: number; direct: number; minimum: number; gatewayRuns: number[] };
}

export type JudgedRun = OpenLoopResult & { latency: LatencySummary; passed: boolean };

export interface LoadResult {
  estimate: number;
  probes: JudgedRun[];
  /** Full-length runs, in order: the best probe rate, then 20% lower after each failure (at most 4). */
  runs: SustainedRun[];
}

/** Gateway memory after a full collection before the run, its RSS as the run ended, and after a full collection again. */
export type SustainedRun = JudgedRun & { before: CollectedMemory; rssAfterMb: number; collected: CollectedMemory; cpu: CpuShares };


export interface BenchResult {
  options: BenchOptions;
  machine: Machine;
  startedAt: Date;
  finishedAt: Date;
  /** 1-minute load average when the run started. */
  loadAverageAtStart: number;
  gatewayIdleRssMb: number;
  queries: QueryResult[];
  /** Undefined when the section was not run. */
  load: LoadResult | undefined;
  /** The same load run on the `--baseline` gateway, and on the direct calls (the ceiling). */
  baselineLoad: LoadResult | undefined;
  directLoad: LoadResult | undefined;
  baseline: { commit: string; subject: string } | undefined;
  abuse: AbuseResult[];
  fanout: FanoutResult[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (message: string) => console.log(`[bench] ${message}`);

interface RunningGateway {
  gateway: GatewayProcess;
  client: GatewayClient;
  stop(): Promise<void>;
}

/** The seeded trader's gateway session (`DXAPI <token>`), from the contract's Login mutation. */
async function userAuthorization(client: GatewayClient, sims: SimulatorsProcess): Promise<string> {
  const credentials = { username: sims.trader.login, domain: sims.trader.domain, password: sims.trader.password };
  const login = await client.query({ body: JSON.stringify({ query: operationText('Login'), variables: { input: credentials } }), authorization: undefined });
  const session = login.data.login as { token?: string };
  if (!session.token) throw new Error(`Login failed: ${JSON.stringify(login)}`);
  return `DXAPI ${session.token}`;
}

/**
 * The per-caller caps the bench runs without: it measures capacity, and one bench key from one address
 * sends everything (the queries, and up to 10,000 subscribers over as many connections).
 */
export const benchCapsOff = { RATE_LIMIT: 'off', SUBSCRIPTIONS_PER_CALLER: 'off', CONNECTION_LIMITS: JSON.stringify({ perAddress: 0, total: 20_000 }) };

/** A fresh gateway process over the simulators, its dxCore service session already granted. */
async function startGateway(sims: SimulatorsProcess, apiKey: string, secret: string, options: GatewayProcessOptions = {}, env: Record<string, string> = {}): Promise<RunningGateway> {
  const gateway = await startGatewayProcess({ ...sims.env, PORT: '0', GATEWAY_API_KEYS: `${apiKey}=*`, WEBHOOK_SECRET: secret, ...benchCapsOff, ...env }, options);
  const client = new GatewayClient(gateway.url, 256);
  const stop = async () => {
    await client.close();
    await gateway.stop();
  };
  const ready = await fetch(`${gateway.url}/readyz`);
  if (ready.status !== 200) {
    await stop();
    throw new Error(`gateway not ready: ${await ready.text()}`);
  }
  return { gateway, client, stop };
}

/** The load generator's own memory, where the direct calls' load run reports a gateway's. */
function selfMemory(): CollectedMemory {
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1024 / 1024, heapUsedMb: m.heapUsed / 1024 / 1024, externalMb: m.external / 1024 / 1024 };
}

/** A gateway's CPU time per query over a closed-loop run. */
const cpuMsPerQuery = (run: { cpu: CpuShares; ms: number; result: { completed: number; errors: number } }): number =>
  (run.cpu.gateway * run.ms) / 100 / Math.max(1, run.result.completed + run.result.errors);

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date();
  const loadAverageAtStart = loadAverage();
  const machine = describeMachine();
  const run = options.sections;
  log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; upstream latency ${options.latencyMs} ms; load average ${loadAverageAtStart.toFixed(2)}${options.quick ? ' (quick)' : ''}`);
  const checkout = options.baseline ? checkoutBaseline(options.baseline) : undefined;
  if (checkout) log(`baseline: ${checkout.commit.slice(0, 12)} ${checkout.subject}`);
  const sims = await startSimulatorsProcess(options.latencyMs);
  const apiKey = `bench_${randomBytes(12).toString('base64url')}`;
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  let running: RunningGateway | undefined;
  let baseline: RunningGateway | undefined;
  let direct: DirectClient | undefined;
  try {
    const resilience: Record<string, string> = options.upstreamResilience ? { UPSTREAM_RESILIENCE: options.upstreamResilience } : {};
    running = await startGateway(sims, apiKey, secret, { cpuProfileDir: options.cpuProfileDir }, resilience);
    baseline = checkout ? await startGateway(sims, apiKey, secret, { cwd: checkout.dir }) : undefined;
    const { gateway, client } = running;
    const gatewayIdleRssMb = sampleProcess(gateway.pid).rssMb;
    const fixtures: Fixtures = { env: sims.env, trader: sims.trader, notificationId: sims.notificationId, apiKey, userAuthorization: await userAuthorization(client, sims) };
    // Each gateway keeps its own sessions: the baseline's `Me` needs a login of its own.
    const baselineFixtures: Fixtures | undefined = baseline && { ...fixtures, userAuthorization: await userAuthorization(baseline.client, sims) };
    direct = await DirectClient.connect(fixtures);
    const d = direct;
    const warmupMs = Math.min(1_000, options.throughputSeconds * 250);
    const throughput = async (op: Operation, pid: number, concurrency: number, ms = options.throughputSeconds * 1000) => {
      await closedLoop(op, concurrency, warmupMs);
      return withCpu({ gateway: pid, simulators: sims.pid }, () => closedLoop(op, concurrency, ms));
    };
    type Measured = Awaited<ReturnType<typeof throughput>>;
    /** Measured runs of one side added up: CPU shares weighted by time, answers summed. */
    const combined = (runs: Measured[]): Measured => {
      const ms = runs.reduce((sum, r) => sum + r.ms, 0);
      const weighted = (pick: (c: CpuShares) => number) => runs.reduce((sum, r) => sum + pick(r.cpu) * r.ms, 0) / ms;
      const completed = runs.reduce((sum, r) => sum + r.result.completed, 0);
      const elapsedMs = runs.reduce((sum, r) => sum + r.result.elapsedMs, 0);
      return {
        ms,
        cpu: { gateway: weighted((c) => c.gateway), simulators: weighted((c) => c.simulators), generator: weighted((c) => c.generator), others: weighted((c) => c.others) },
        result: { completed, errors: runs.reduce((sum, r) => sum + r.result.errors, 0), elapsedMs, perSecond: (completed * 1000) / elapsedMs, latencies: runs.flatMap((r) => r.result.latencies) },
      };
    };
    /**
     * This gateway's closed loop, and the baseline's in turn with it in `baselineTurns` stretches each, so
     * that both see the same machine however its other load comes and goes.
     */
    const baselineTurns = 4;
    const sideBySide = async (op: Operation, baselineOp: Operation | undefined, concurrency: number): Promise<[Measured, Measured | undefined]> => {
      if (!baselineOp || !baseline) return [await throughput(op, gateway.pid, concurrency), undefined];
      const ours: Measured[] = [];
      const theirs: Measured[] = [];
      const stretch = (options.throughputSeconds * 1000) / baselineTurns;
      for (let i = 0; i < baselineTurns; i++) {
        ours.push(await throughput(op, gateway.pid, concurrency, stretch));
        theirs.push(await throughput(baselineOp, baseline.gateway.pid, concurrency, stretch));
      }
      return [combined(ours), combined(theirs)];
    };

    const queries: QueryResult[] = [];
    const selected = contractQueries.filter((q) => !options.queries || options.queries.includes(q.name));
    for (const q of run.has('queries') ? selected : []) {
      const request = q.request(fixtures);
      const viaGateway = client.operation(request);
      const viaBaseline = baseline && baselineFixtures ? baseline.client.operation(q.request(baselineFixtures)) : undefined;
      const viaDirect = () => q.direct(d, fixtures).then(() => undefined);
      // Calls and rounds: the simulators' call logs, one query at a time.
      const gatewayRounds: number[] = [];
      const directRounds: number[] = [];
      let data: Record<string, unknown> = {};
      let gatewayCalls: UpstreamCall[] = [];
      let directCalls: UpstreamCall[] = [];
      for (let i = 0; i < options.callRuns; i++) {
        await sims.clearCalls();
        data = (await client.query(request)).data;
        gatewayCalls = await sims.calls();
        gatewayRounds.push(rounds(gatewayCalls));
        await sims.clearCalls();
        await viaDirect();
        directCalls = await sims.calls();
        directRounds.push(rounds(directCalls));
      }
      log(`${q.name}: ${gatewayCalls.length} calls in ${mode(gatewayRounds)} rounds (direct ${directCalls.length} in ${mode(directRounds)})`);
      const concurrency = closedLoopConcurrency(options.concurrency, gatewayCalls);
      const [gatewayLatency = [], directLatency = [], baselineLatency = []] = await alternatingLatency(
        [viaGateway, viaDirect, ...(viaBaseline ? [viaBaseline] : [])],
        options.samples,
        Math.min(20, options.samples),
      );
      const [gw, bl] = await sideBySide(viaGateway, viaBaseline, concurrency);
      await closedLoop(viaDirect, concurrency, warmupMs);
      const dr = await closedLoop(viaDirect, concurrency, options.throughputSeconds * 1000);
      await sims.clearCalls();
      const side = (latency: number[], r: NonNullable<typeof bl>): GatewaySide => ({
        latency: summarize(latency),
        perSecond: r.result.perSecond,
        errors: r.result.errors,
        cpuMsPerQuery: cpuMsPerQuery(r),
        cpu: r.cpu,
      });
      const result: QueryResult = {
        name: q.name,
        concurrency,
        gateway: side(gatewayLatency, gw),
        direct: { latency: summarize(directLatency), perSecond: dr.perSecond, errors: dr.errors },
        baseline: bl && side(baselineLatency, bl),
        calls: { gateway: gatewayCalls.length, direct: directCalls.length, byRoute: countByRoute(gatewayCalls), naive: q.naive(data) },
        rounds: { gateway: mode(gatewayRounds), direct: mode(directRounds), minimum: q.minimum.rounds, gatewayRuns: gatewayRounds },
      };
      queries.push(result);
      log(
        `${q.name}: p50 ${result.gateway.latency.p50.toFixed(2)} ms vs direct ${result.direct.latency.p50.toFixed(2)} ms; ` +
          `${gw.result.perSecond.toFixed(0)}/s vs ${dr.perSecond.toFixed(0)}/s at ${concurrency} in flight; ${result.gateway.cpuMsPerQuery.toFixed(2)} ms CPU per query ` +
          `(CPU gateway ${gw.cpu.gateway.toFixed(0)}%, simulators ${gw.cpu.simulators.toFixed(0)}%, generator ${gw.cpu.generator.toFixed(0)}%, others ${gw.cpu.others.toFixed(0)}%)` +
          (result.baseline ? `; baseline p50 ${result.baseline.latency.p50.toFixed(2)} ms, ${result.baseline.cpuMsPerQuery.toFixed(2)} ms CPU per query` : ''),
      );
    }

    let load: LoadResult | undefined;
    let baselineLoad: LoadResult | undefined;
    let directLoad: LoadResult | undefined;
    if (run.has('load')) {
      const estimate = queries.length ? queries.map((q) => q.gateway.perSecond) : undefined;
      const measure = (label: string, process: { pid: number; collectedMemory(): Promise<CollectedMemory> }, ops: Operation[], throughputs = estimate) =>
        loadRun(label, options, { gateway: process.pid, simulators: sims.pid }, () => process.collectedMemory(), ops, throughputs, () => sims.clearCalls());
      load = await measure('gateway', gateway, contractQueries.map((q) => client.operation(q.request(fixtures))));
      if (baseline && baselineFixtures) {
        const b = baseline;
        baselineLoad = await measure('baseline', b.gateway, contractQueries.map((q) => b.client.operation(q.request(baselineFixtures))));
      }
      // The ceiling: the same mix as direct calls, the load generator's own CPU standing in for the gateway's.
      const directThroughputs = queries.length ? queries.map((q) => q.direct.perSecond) : undefined;
      directLoad = await measure('direct', { pid: process.pid, collectedMemory: async () => selfMemory() }, contractQueries.map((q) => () => q.direct(d, fixtures).then(() => undefined)), directThroughputs);
    }
    await baseline?.stop();
    baseline = undefined;
    await running.stop();
    running = undefined;

    const abuse: AbuseResult[] = [];
    if (run.has('abuse')) {
      // On a fresh gateway process, so that its memory before is a clean baseline.
      log(`abuse: the worst request each budget admits, at ${rateLimitedPace}/s, beside an end user's Me at ${options.ordinaryRate}/s`);
      running = await startGateway(sims, apiKey, secret);
      const me = contractQueries.find((q) => q.name === 'Me')!.request({ ...fixtures, userAuthorization: await userAuthorization(running.client, sims) });
      const cases = await abuseCases(running.client, `Bearer ${apiKey}`);
      abuse.push(...(await measureAbuse(running.gateway, sims, running.client, cases, me, { seconds: options.abuseSeconds, ordinaryRate: options.ordinaryRate, abuseRate: rateLimitedPace })));
      await running.stop();
      running = undefined;
      for (const a of abuse) {
        log(
          `${a.name}: ${a.responseBytes} bytes, ${a.upstreamCalls} calls, p50 ${a.abuse.latency.p50.toFixed(1)} ms (${a.abuse.errors} errors); ` +
            `Me p99 ${a.idle.p99.toFixed(1)} ms idle, ${a.beside.p99.toFixed(1)} ms beside (${a.p99Ratio.toFixed(2)}×); RSS peak ${a.peakRssMb.toFixed(0)} MB`,
        );
      }
    }

    // Each fan-out on a fresh gateway process, so that its memory before connecting is a clean baseline;
    // with --baseline, the baseline checkout's gateway runs each case just before this one's.
    const fanout: FanoutResult[] = [];
    const cases = run.has('fanout') ? [...options.subscribers.map((n) => ({ subscribers: n, accounts: 1 })), ...(options.mixed ? [options.mixed] : [])] : [];
    const sides = [...(checkout ? [{ side: 'baseline' as const, root: checkout.dir }] : []), { side: 'this' as const, root: undefined }];
    for (const c of cases) {
      for (const { side, root } of sides) {
        log(`fan-out to ${c.subscribers} subscribers over ${c.accounts} account(s), ${side} gateway`);
        const cpuProfileDir = options.cpuProfileDir ? join(options.cpuProfileDir, `fanout-${c.subscribers}x${c.accounts}-${side}`) : undefined;
        running = await startGateway(sims, apiKey, secret, { cwd: root, cpuProfileDir });
        const settings = { ...c, pacedEvents: c.accounts > 1 ? c.accounts : options.quick ? 5 : 20, burstEvents: burstEvents(c.subscribers / c.accounts, c.accounts) };
        const r = await measureFanout(running.gateway, side, { authorization: `Bearer ${apiKey}`, secret }, settings);
        await running.stop();
        running = undefined;
        log(
          `${r.connected}/${c.subscribers} connected, ${r.kibPerConnection.toFixed(1)} KiB each; paced p50 ${r.paced.latency.p50.toFixed(1)} ms p99 ${r.paced.latency.p99.toFixed(1)} ms; ` +
            `burst ${r.burst.eventsPerSecond.toFixed(1)} events/s (${r.burst.messagesPerSecond.toFixed(0)} messages/s)`,
        );
        fanout.push(r);
      }
    }

    const result: BenchResult = {
      options,
      machine,
      startedAt,
      finishedAt: new Date(),
      loadAverageAtStart,
      gatewayIdleRssMb,
      queries,
      load,
      baselineLoad,
      directLoad,
      baseline: checkout && { commit: checkout.commit, subject: checkout.subject },
      abuse,
      fanout,
    };
    writeFileSync(options.out, renderReport(result));
    log(`wrote ${options.out}`);
    return result;
  } catch (error) {
    if (running) console.error(`[bench] failed; the gateway's last output:\n${running.gateway.output()}`);
    throw error;
  } finally {
    await direct?.close();
    await baseline?.stop();
    await running?.stop();
    await sims.stop();
    checkout?.remove();
  }
}

/**
 * `wanted` requests in flight, or fewer where that many would overflow the gateway's default queue for
 * one upstream (`connections` in flight + `maxQueued` waiting), which refuses calls beyond it by design.
 */
function closedLoopConcurrency(wanted: number, calls: UpstreamCall[]): number {
  const perUpstream = Math.max(1, ...Object.values(Object.groupBy(calls, (c) => c.upstream)).map((list) => list?.length ?? 0));
  const capacity = upstreamHttpDefaults.connections + upstreamHttpDefaults.maxQueued;
  return Math.max(1, Math.min(wanted, Math.floor(capacity / perUpstream)));
}

/** Events per burst: enough to measure a rate, few enough to stay under the 1,000 a subscriber may hold undelivered (`reach`: the subscribers each event reaches). */
const burstEvents = (reach: number, accounts: number): number => Math.max(10, Math.min(500 * accounts, Math.round(200_000 / reach)));

/**
 * The highest rate of the contract-query mix (the six queries in turn) with no error and p99 under the
 * bound: probes climbing by 20% from half the closed-loop estimate, then the best for the full duration,
 * stepping down by 20% while that fails.
 */
async function loadRun(
  label: string,
  options: BenchOptions,
  pids: { gateway: number; simulators: number },
  collectedMemory: () => Promise<CollectedMemory>,
  ops: Operation[],
  throughputs: number[] | undefined,
  clearCalls: () => Promise<void>,
): Promise<LoadResult> {
  // Without the query section's closed loops, the probes start from a fixed guess.
  const estimate = throughputs ? throughputs.length / throughputs.reduce((sum, t) => sum + 1 / t, 0) : 200;
  const judge = (r: OpenLoopResult): JudgedRun => {
    const latency = summarize(r.latencies);
    return { ...r, latency, passed: r.errors === 0 && r.completed === r.sent && latency.p99 <= options.sustainedP99Ms };
  };
  const probes: JudgedRun[] = [];
  let rate = Math.max(5, Math.round(estimate * 0.5));
  let best: number | undefined;
  // Warm: each query compiled and its code optimized before the first probe (which the query section does otherwise).
  for (const op of ops) for (let i = 0; i < 20; i++) await op().catch(() => undefined);
  for (let i = 0; i < options.maxProbes; i++) {
    const probe = judge(await openLoop(ops, rate, options.probeSeconds * 1000));
    await clearCalls();
    probes.push(probe);
    log(`${label} probe ${rate}/s: ${probe.passed ? 'sustained' : 'not sustained'} (errors ${probe.errors}, p99 ${probe.latency.p99.toFixed(1)} ms)`);
    if (probe.passed) {
      best = rate;
      rate = Math.round(rate * 1.2);
    } else if (best === undefined) rate = Math.max(1, Math.round(rate / 2));
    else break;
    await pause(1_000);
  }
  const runs: SustainedRun[] = [];
  // Full-length runs from the best probe rate down by 20% steps until one passes: a probe is short, and a
  // rare burst that fills an upstream queue may come only once a minute.
  const maxRuns = options.quick ? 1 : 4;
  let next = best;
  for (let n = 0; next !== undefined && next >= 1 && n < maxRuns; n++) {
    const candidate = next;
    const before = await collectedMemory();
    const run = await withCpu(pids, () => openLoop(ops, candidate, options.loadSeconds * 1000));
    const rssAfterMb = sampleProcess(pids.gateway).rssMb;
    const judged = judge(run.result);
    await clearCalls();
    runs.push({ ...judged, before, rssAfterMb, collected: await collectedMemory(), cpu: run.cpu });
    log(`${label} sustained run ${candidate}/s for ${options.loadSeconds} s: ${judged.passed ? 'passed' : 'failed'} (errors ${judged.errors}, p99 ${judged.latency.p99.toFixed(1)} ms)`);
    if (judged.passed) break;
    next = Math.round(candidate / 1.2);
  }
  return { estimate, probes, runs };
}
