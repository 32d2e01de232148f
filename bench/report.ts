/** BENCHMARKS.md from one run's results. */
import { defaultRateLimit } from '../src/security/settings.ts';
import { upstreamHttpDefaults } from '../src/upstreams/http.ts';
import { rateLimitedPace, type AbuseResult } from './abuse.ts';
import { failureCause } from './load.ts';
import type { FanoutResult } from './fanout.ts';
import type { CpuShares } from './processes.ts';
import type { BenchResult, JudgedRun, LoadResult, QueryResult } from './run.ts';

const ms = (v: number): string => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const int = (v: number): string => (Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const pct = (v: number): string => `${Math.round(v)}%`;
const mb = (v: number): string => `${v.toFixed(0)} MB`;

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const d = upstreamHttpDefaults;
/** The default upstream pool and queue, as the report names them. */
const queue = `${d.connections} connections, ${d.connections} calls in flight and ${d.maxQueued.toLocaleString('en-US')} waiting per upstream`;

const sustained = (rate: number | undefined): string => (rate === undefined ? 'no rate sustained' : `**${int(rate)} q/s** sustained`);

const shares = (c: CpuShares): string => [c.gateway, c.simulators, c.generator, c.others].map(pct).join(' / ');

const p50Ratio = (q: QueryResult) => q.gateway.latency.p50 / q.direct.latency.p50;

export function headline(r: BenchResult): string {
  if (r.queries.length === 0) return 'the contract queries were not measured in this run';
  const ratios = r.queries.map(p50Ratio);
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return (
    `gateway p50 latency / direct p50 latency: ${sorted[0]!.toFixed(2)}× to ${sorted[sorted.length - 1]!.toFixed(2)}× across the ` +
    `${r.queries.length} contract queries (median ${median.toFixed(2)}×), with ${r.options.latencyMs} ms injected per upstream call`
  );
}

/** Which run this was: date, command, machine. */
function runDetails(r: BenchResult): string[] {
  const o = r.options;
  const m = r.machine;
  const seconds = (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000;
  const command = `npm run bench${o.argv.length ? ` -- ${o.argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}` : ''}`;
  return [
    `Every figure below comes from one run of \`${command}\` (\`bench/\`), measured side by side.`,
    '',
    table(
      ['', ''],
      [
        ['date', `${r.startedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC (${Math.round(seconds)} s)`],
        ['command', `\`${command}\``],
        ['machine', `${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(0)} GiB memory`],
        ['OS', m.os],
        ['Node', m.node],
        ['open files limit', m.openFilesLimit],
        ['load average at start', `${r.loadAverageAtStart.toFixed(2)} (1 min)`],
        ...(o.note ? [['note', o.note]] : []),
      ],
    ),
    '',
  ];
}

export function renderReport(r: BenchResult): string {
  const o = r.options;
  const m = r.machine;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(...runDetails(r));
  out.push(
    `**Headline:** ${headline(r)}.`,
    '',
    `Setup: separate processes on loopback, sharing the machine's ${m.cores} cores. The **simulators** (dxCore, Retail, Platform; ` +
      `\`bench/simulators-child.ts\`) add ${o.latencyMs} ms to every call. The **gateway** is \`node src/main.ts\` with default settings ` +
      `(in-memory event log, default upstream resilience: ${queue}; logs at \`info\` ` +
      'to a file) except the per-caller caps (`RATE_LIMIT=off`, `SUBSCRIPTIONS_PER_CALLER=off`, no connections cap per address), since one ' +
      'bench key from one address sends everything. The **load generator** (this ' +
      "bench's own process, undici) sends the queries; the WebSocket subscribers run in a fourth process. CPU time and memory are read " +
      'from `/proc/<pid>` of each process, so the gateway\'s figures are its own.',
    '',
  );

  if (o.upstreamResilience) out.push(`This run's gateway (not the baseline) had \`UPSTREAM_RESILIENCE=${o.upstreamResilience}\`.`, '');
  out.push('## Contract queries: gateway against direct calls', '');
  out.push(
    `*Direct* is the same upstream reads made with undici from the load generator in the best order (independent calls in parallel, ` +
      'the same credentials: a dxCore session from `POST /login`, the Retail and Platform keys), with no GraphQL in between: the limit ' +
      `a gateway could reach. Latency: ${o.samples} sequential requests per side, gateway and direct alternating. Throughput: a closed loop ` +
      `of ${o.concurrency} requests in flight for ${o.throughputSeconds} s per side, fewer where ${o.concurrency} would overflow the gateway's ` +
      `default per-upstream queue (${queue}; beyond that it refuses calls by design): ` +
      (r.queries.filter((q) => q.concurrency < o.concurrency).map((q) => `${q.name} ${q.concurrency}`).join(', ') || 'none') +
      ". Gateway CPU: the gateway process's user + system time over its throughput run, divided by the queries it answered; " +
      '*q/s per gateway core* is 1,000 ms divided by it, the rate one core given to the gateway alone would allow (Node runs the gateway on one thread).',
    '',
  );
  const b = r.baseline;
  if (b) {
    out.push(
      `*Baseline* is a second gateway process started from commit \`${b.commit.slice(0, 12)}\` (${b.subject}) in a git worktree of its own, ` +
        'measured in the same runs: its latency samples alternate with the gateway\'s and the direct calls\', and the two gateways\' closed ' +
        'loops take turns in four stretches each (the throughput time split between them), so that both see the same machine. ' +
        "*vs baseline* is this gateway's figure divided by the baseline's.",
      '',
    );
  }
  const baselineHead = b ? ['baseline p50 ms', 'baseline CPU ms/query', 'p50 vs baseline', '**CPU vs baseline**'] : [];
  const baselineCells = (q: QueryResult): string[] =>
    q.baseline
      ? [ms(q.baseline.latency.p50), ms(q.baseline.cpuMsPerQuery), ratio(q.gateway.latency.p50, q.baseline.latency.p50), `**${ratio(q.gateway.cpuMsPerQuery, q.baseline.cpuMsPerQuery)}**`]
      : [];
  if (r.queries.length === 0) out.push('Not measured in this run.', '');
  else out.push(
    table(
      ['query', 'gateway p50 ms', 'gateway p99 ms', 'direct p50 ms', 'direct p99 ms', '**p50 ratio**', 'p99 ratio', 'gateway q/s', 'direct q/s', 'gateway CPU ms/query', 'q/s per gateway core', ...baselineHead],
      r.queries.map((q) => [
        `\`${q.name}\``,
        ms(q.gateway.latency.p50),
        ms(q.gateway.latency.p99),
        ms(q.direct.latency.p50),
        ms(q.direct.latency.p99),
        `**${ratio(q.gateway.latency.p50, q.direct.latency.p50)}**`,
        ratio(q.gateway.latency.p99, q.direct.latency.p99),
        `${int(q.gateway.perSecond)}${q.gateway.errors ? ` (${int(q.gateway.errors)} failed)` : ''}`,
        `${int(q.direct.perSecond)}${q.direct.errors ? ` (${int(q.direct.errors)} failed)` : ''}`,
        ms(q.gateway.cpuMsPerQuery),
        int(1000 / q.gateway.cpuMsPerQuery),
        ...baselineCells(q),
      ]),
    ),
    '',
  );
  const errors = r.queries.reduce((n, q) => n + q.gateway.errors + q.direct.errors, 0);
  out.push(
    'CPU use during each gateway throughput run, in % of one core (gateway / simulators / load generator / other processes on the machine): ' +
      r.queries.map((q) => `${q.name} ${shares(q.gateway.cpu)}`).join('; ') +
      `. Failed requests in these runs: ${errors}.`,
    '',
  );

  out.push('## Upstream calls and rounds', '');
  out.push(
    'Counted from the simulators\' call logs (the service session\'s `/login` and `/ping` left out), one query at a time, ' +
      `${o.callRuns} runs each. A call's round is 1 + the highest round of any call that had finished before it started; the rounds shown ` +
      'are the most frequent over the runs. *Naive* is what a resolver without loaders, caching or look-ahead makes for the same answer: ' +
      'one call per field per parent object that needs another resource (N+1), counted from the answer; data the parent answer already holds ' +
      '(a client\'s accounts) costs nothing there either. *Minimum* rounds are the README\'s.',
    '',
  );
  out.push(
    table(
      ['query', 'calls: gateway', 'calls: direct', 'calls: naive', 'naive count', 'rounds: gateway', 'rounds: direct', 'minimum rounds'],
      r.queries.map((q) => [
        `\`${q.name}\``,
        String(q.calls.gateway),
        String(q.calls.direct),
        String(q.calls.naive.calls),
        q.calls.naive.formula,
        q.rounds.gatewayRuns.every((x) => x === q.rounds.gateway) ? String(q.rounds.gateway) : `${q.rounds.gateway} (runs: ${q.rounds.gatewayRuns.join(', ')})`,
        String(q.rounds.direct),
        String(q.rounds.minimum),
      ]),
    ),
    '',
  );
  out.push(
    'Gateway calls by route: ' +
      r.queries.map((q) => `${q.name}: ${Object.entries(q.calls.byRoute).map(([route, n]) => `${n}× \`${route}\``).join(', ')}`).join('; ') +
      '.',
    '',
  );

  out.push(...fanoutSection(r));

  out.push(...loadSection(r));

  out.push(...abuseSection(r), '');

  out.push('## Limits of these figures', '');
  out.push(
    `- All processes share ${m.cores} cores, so under load the simulators and the load generator take CPU the gateway would have on a machine of its own; ` +
      'the CPU shares above show how much. Throughput and the load run are lower bounds for the gateway alone.',
    '- The direct baseline runs in the load generator and is measured in the same way as the gateway (undici, keep-alive, JSON parsed); it has no GraphQL parsing, validation, auth or response shaping: that is the overhead the ratio shows.',
    ...(() => {
      const busiest = Math.max(...r.queries.map((q) => q.gateway.cpu.others), ...(r.load?.runs ?? []).map((x) => x.cpu.others), ...r.abuse.map((a) => a.cpu.others));
      return busiest >= 20
        ? [
            `- Other processes on the machine, not started by the bench, used up to ${pct(busiest)} of one core during the measured runs (the "others" ` +
              'CPU share): the machine was shared. Where they did, the gateway got less than a core and its throughput is lower; its CPU time per ' +
              'query is much less affected. Latencies, and the abuse ratios most, carry that noise.',
          ]
        : [];
    })(),
    ...(r.loadAverageAtStart >= m.cores / 2
      ? [
          `- The machine was shared: its load average was ${r.loadAverageAtStart.toFixed(2)} on ${m.cores} cores when the run started, before the bench's own ` +
            'processes. Latencies, and the abuse ratios most, carry that noise; a quiet machine gives the figures to compare.',
        ]
      : []),
    `- The gateway's RSS after start was ${mb(r.gatewayIdleRssMb)}. RSS is what the process holds from the OS: after a collection V8 keeps ` +
      'some freed pages, so memory figures are upper bounds of what is live.',
    '',
  );
  return out.join('\n');
}

/** The load run: the gateway's highest sustained rate, beside the baseline's and the direct calls' ceiling. */
function loadSection(r: BenchResult): string[] {
  const o = r.options;
  const out: string[] = [];
  out.push('## Load run', '');
  const l = r.load;
  if (!l) return [...out, 'Not measured in this run.', ''];
  out.push(
    'An open loop (requests sent at a fixed rate whether or not earlier ones answered; latency counted from when each was due) over ' +
      `the six contract queries in turn. A rate counts as sustained when every request answers 200 with data and no error and p99 stays ` +
      `under ${o.sustainedP99Ms} ms, i.e. no backlog builds. Probes of ${o.probeSeconds} s climb by 20% from half the closed-loop estimate ` +
      `(${int(l.estimate)} q/s, the harmonic mean of the per-query throughputs above, or 200 without them); the best probe rate then runs for ${o.loadSeconds} s, ` +
      `stepping down by 20% after each failure (at most ${o.quick ? 'one such run' : 'four such runs'}).`,
    '',
  );
  const result = (r: JudgedRun) => (r.passed ? 'sustained' : `not sustained: ${failureCause(r) ?? `p99 over ${o.sustainedP99Ms} ms`}`);
  out.push(
    table(
      ['run', 'rate q/s', 'sent', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'result'],
      [
        ...l.probes.map((p, i) => [`probe ${i + 1} (${o.probeSeconds} s)`, int(p.rate), int(p.sent), int(p.errors), ms(p.latency.p50), ms(p.latency.p99), ms(p.latency.max), result(p)]),
        ...l.runs.map((s) => [`**${o.loadSeconds} s**`, `**${int(s.rate)}**`, int(s.sent), int(s.errors), ms(s.latency.p50), ms(s.latency.p99), ms(s.latency.max), s.passed ? '**sustained**' : result(s)]),
      ],
    ),
    '',
  );
  const best = l.runs.find((s) => s.passed);
  const failedRates = [...l.probes, ...l.runs].filter((x) => !x.passed && (!best || x.rate > best.rate)).map((x) => x.rate);
  if (best) {
    out.push(
      `**Highest sustained rate: ${int(best.rate)} queries/s for ${o.loadSeconds} s with no errors**` +
        (failedRates.length ? ` (${int(Math.min(...failedRates))} q/s was not sustained).` : ' (the probes stopped before finding a rate that fails).'),
      '',
    );
  } else out.push(l.runs.length ? `No rate was sustained for ${o.loadSeconds} s.` : 'No probe rate passed, so there was no full-length run.', '');
  /** A load run in one line: its sustained rate, else its best probe and why the full runs failed. */
  const outcome = (x: LoadResult): string => {
    const passed = x.runs.find((s) => s.passed);
    const failed = x.runs.filter((s) => !s.passed).map((s) => `${int(s.rate)} q/s: ${int(s.errors)} errors, p99 ${ms(s.latency.p99)} ms${failureCause(s) ? `, ${failureCause(s)}` : ''}`);
    if (passed) return `${sustained(passed.rate)}${failed.length ? ` (${o.loadSeconds} s runs that failed: ${failed.join('; ')})` : ''}`;
    const probe = Math.max(0, ...x.probes.filter((p) => p.passed).map((p) => p.rate));
    return `no ${o.loadSeconds} s run sustained (best probe ${int(probe)} q/s; ${failed.join('; ')})`;
  };
  const beside = [
    ...(r.baselineLoad ? [`the baseline gateway (\`${r.baseline?.commit.slice(0, 12)}\`), measured the same way right after: ${outcome(r.baselineLoad)}`] : []),
    ...(r.directLoad ? [`the same mix as direct calls from the load generator (the ceiling on this machine): ${outcome(r.directLoad)}`] : []),
  ];
  if (beside.length) out.push(`Beside it, ${beside.join('; ')}.`, '');
  for (const s of l.runs) {
    out.push(
      `- ${int(s.rate)} q/s for ${o.loadSeconds} s: gateway memory (RSS) ${mb(s.before.rssMb)} before (heap ${mb(s.before.heapUsedMb)}), ` +
        `${mb(s.rssAfterMb)} after, ${mb(s.collected.rssMb)} after a full garbage collection (heap ${mb(s.collected.heapUsedMb)}); CPU, % of one core (gateway / simulators / load generator / others): ${shares(s.cpu)}.`,
    );
  }
  out.push('');
  const queueFull = [...l.probes, ...l.runs].filter((x) => !x.passed && failureCause(x)?.includes('queue was full'));
  if (queueFull.length) {
    out.push(
      "The first failures above the sustained rate came from the gateway's own bound on upstream calls: each `BackOfficeClients` " +
        `makes 20 Retail calls at once, so once queries pile up the Retail queue (${queue}) ` +
        'fills and further calls are refused at once rather than left to wait (README, "Resilience"; `UPSTREAM_RESILIENCE` ' +
        'sets `maxConcurrent` and `maxQueued`).',
      '',
    );
  }

  return out;
}

/** The abuse section: each budget's worst admitted request beside an end user. */
/** A fan-out case as the table names it: `10,000`, or `10,000 over 100 accounts`. */
const fanoutCase = (f: FanoutResult): string => (f.accounts > 1 ? `${int(f.subscribers)} over ${int(f.accounts)} accounts (mixed)` : int(f.subscribers));

/** The fan-out section. */
export function fanoutSection(r: BenchResult): string[] {
  const out: string[] = [];
  out.push('## Subscriptions: webhook fan-out over WebSockets', '');
  out.push(
    'N graphql-ws clients (`graphql-transport-ws` over `ws`, in one separate process) subscribe to `accountEvents` on one gateway process; ' +
      'the same process posts signed Platform webhooks (`standardwebhooks`) to `/webhooks/platform`, and each event carries its send time, ' +
      'so latency is from just before the webhook POST to the message\'s arrival at the client, on one clock. *Paced*: one event at a time, ' +
      'the next once every subscriber has it (latency without queueing). *Burst*: events posted back to back, each once the gateway ' +
      'acknowledged the last; events/s is whole events delivered to every subscriber per second (messages/s = events/s × N), from the ' +
      'first POST to the last arrival. Memory per connection: gateway RSS after all subscribed minus before, divided by N, each read after a ' +
      'full garbage collection (the bench preloads `bench/gc-on-signal.ts` into the gateway: `--expose-gc`, SIGUSR2 collects). Each ' +
      'case runs on a freshly started gateway process, so that the memory before connecting is a clean baseline. *Mixed*: the subscribers ' +
      'spread evenly over distinct Platform accounts, each subscribed with `accountId`, and each event goes to one account\'s subscribers ' +
      '(events take the accounts in turn). With `--baseline`, each case runs first on the baseline checkout\'s gateway (*before*), then on ' +
      'this one\'s (*after*), one after the other in the same run.',
    '',
  );
  if (r.fanout.length > 0) {
    out.push(
      table(
        ['case', 'gateway', 'connected', 'gateway RSS before → subscribed', 'RSS per connection', 'JS heap per connection', 'paced p50 ms', 'paced p99 ms', 'burst events', 'burst events/s', 'burst messages/s', 'burst p50 ms', 'burst p99 ms', 'gateway CPU µs/message', 'CPU gateway / clients'],
        r.fanout.map((f) => [
          fanoutCase(f),
          f.gateway === 'baseline' ? 'before' : 'after',
          `${int(f.connected)}${f.failed ? ` (${int(f.failed)} failed)` : ''}`,
          `${mb(f.before.rssMb)} → ${mb(f.subscribed.rssMb)}`,
          `${f.kibPerConnection.toFixed(1)} KiB`,
          f.connected && !Number.isNaN(f.subscribed.heapUsedMb - f.before.heapUsedMb) ? `${(((f.subscribed.heapUsedMb - f.before.heapUsedMb) * 1024) / f.connected).toFixed(1)} KiB` : '–',
          ms(f.paced.latency.p50),
          ms(f.paced.latency.p99),
          `${f.burst.events} (${int(f.burst.delivered)} of ${int(f.burst.expected)} messages)`,
          f.burst.eventsPerSecond.toFixed(1),
          int(f.burst.messagesPerSecond),
          ms(f.burst.latency.p50),
          ms(f.burst.latency.p99),
          f.burst.delivered ? ((f.burst.gatewayCpuPercent * f.burst.elapsedMs * 10) / f.burst.delivered).toFixed(0) : '–',
          `${pct(f.burst.gatewayCpuPercent)} / ${pct(f.burst.generatorCpuPercent)}`,
        ]),
      ),
      '',
    );
    for (const f of r.fanout) {
      const notes: string[] = [];
      if (f.failed) notes.push(`${int(f.failed)} of ${int(f.subscribers)} subscribers could not be set up: ${f.firstError}`);
      for (const [name, d] of [['paced', f.paced], ['burst', f.burst]] as const) {
        if (d.ended) notes.push(`${name}: ${d.ended} subscriptions ended early (${d.firstEnd})`);
        if (d.delivered < d.expected) notes.push(`${name}: ${int(d.expected - d.delivered)} messages not delivered`);
      }
      if (notes.length) out.push(`- ${fanoutCase(f)}, ${f.gateway === 'baseline' ? 'before' : 'after'}: ${notes.join('; ')}.`);
    }
    const sized = r.fanout.filter((f) => f.connected > 0 && f.accounts === 1 && f.gateway === 'this').sort((a, b) => a.connected - b.connected);
    const [small, large] = [sized[0], sized[sized.length - 1]];
    if (small && large && large.connected > small.connected) {
      const marginal = ((large.subscribed.rssMb - small.subscribed.rssMb) * 1024) / (large.connected - small.connected);
      out.push(
        `Between ${int(small.connected)} and ${int(large.connected)} subscribers this gateway's RSS grows by ${marginal.toFixed(1)} KiB per added connection ` +
          '(each size on its own fresh process), which leaves out the one-time cost the first connections carry.',
      );
    }
    out.push(
      'Gateway memory after a full collection, before connecting → all subscribed → after the burst with every socket closed: ' +
        r.fanout
          .map((f) => `${fanoutCase(f)} (${f.gateway === 'baseline' ? 'before' : 'after'}): RSS ${mb(f.before.rssMb)} → ${mb(f.subscribed.rssMb)} → ${mb(f.closed.rssMb)}, JavaScript heap ${mb(f.before.heapUsedMb)} → ${mb(f.subscribed.heapUsedMb)} → ${mb(f.closed.heapUsedMb)}`)
          .join('; ') +
        '.',
    );
    if (r.fanout.some((f) => f.closed.rssMb > f.subscribed.rssMb * 1.2 && f.closed.heapUsedMb < f.subscribed.heapUsedMb)) {
      out.push(
        'After the burst the RSS stays high with every socket closed while the JavaScript heap is back near where it started: that is ' +
          'memory freed but not returned to the OS by the allocator, not live objects.',
      );
    }
    out.push(`Connecting took ${r.fanout.map((f) => `${(f.connectMs / 1000).toFixed(1)} s for ${fanoutCase(f)} (${f.gateway === 'baseline' ? 'before' : 'after'})`).join(', ')} (250 handshakes at a time).`, '');
  }
  return out;
}

function abuseSection(r: BenchResult): string[] {
  const o = r.options;
  const out = ['## Abuse: the worst request each budget admits', ''];
  out.push(
    "Each case is the worst request one of the gateway's per-request budgets admits at its default (README, \"Limits and security\"), checked " +
      'first: the same request one step further is refused with the code shown. One partner key sends it as an open loop at ' +
      `the pace the default \`RATE_LIMIT\` (${defaultRateLimit.requests} per ${defaultRateLimit.perSeconds} s) lets one caller keep up, ${rateLimitedPace}/s, for ${o.abuseSeconds} s, while an end user ` +
      `(the seeded trader, \`Authorization: DXAPI\`) sends the contract's \`Me\` as an open loop at ${o.ordinaryRate}/s. The user's p99 *idle* is measured for ` +
      `${o.abuseSeconds} s just before, on the same fresh gateway process, so the two are side by side; the ratio is beside / idle. Memory: the ` +
      "gateway's RSS after a full collection before the abuse, its highest RSS sampled every 50 ms during it, and after a full collection again.",
    '',
  );
  if (r.abuse.length === 0) return [...out, 'Not measured in this run.'];
  out.push(
    table(
      ['case', 'admitted', 'one step further', 'answer', 'upstream calls', 'abusive p50 ms', 'abusive p99 ms', '`Me` p99 idle ms', '`Me` p99 beside ms', '**p99 ratio**', 'RSS before → peak → after', 'heap before → after'],
      r.abuse.map((a: AbuseResult) => [
        a.name,
        a.admitted,
        `${a.further.what}: ${a.further.answered} \`${a.further.code}\``,
        `${(a.responseBytes / 1024).toFixed(1)} KiB`,
        String(a.upstreamCalls),
        `${ms(a.abuse.latency.p50)}${a.abuse.errors ? ` (${int(a.abuse.errors)} failed)` : ''}`,
        ms(a.abuse.latency.p99),
        ms(a.idle.p99),
        `${ms(a.beside.p99)}${a.ordinaryErrors ? ` (${int(a.ordinaryErrors)} failed)` : ''}`,
        `**${ratio(a.beside.p99, a.idle.p99)}**`,
        `${mb(a.before.rssMb)} → ${mb(a.peakRssMb)} → ${mb(a.after.rssMb)}`,
        `${mb(a.before.heapUsedMb)} → ${mb(a.after.heapUsedMb)}`,
      ]),
    ),
    '',
  );
  out.push(
    'CPU use beside the abuse, in % of one core (gateway / simulators / load generator / other processes on the machine): ' +
      r.abuse.map((a) => `${a.name} ${shares(a.cpu)}`).join('; ') +
      '.',
    '',
  );
  const worst = Math.max(...r.abuse.map((a) => a.p99Ratio));
  out.push(
    worst <= 2
      ? `**Beside each case the end user's p99 stayed within 2× its idle p99** (at most ${worst.toFixed(2)}×).`
      : `**The end user's p99 went past 2× its idle p99** (up to ${worst.toFixed(2)}×, ${r.abuse.filter((a) => a.p99Ratio > 2).map((a) => a.name).join(', ')}).`,
  );
  return out;
}

