/** BENCHMARKS.md from one run's results. */
import type { BenchResult, CpuShares, QueryResult } from './run.ts';

const ms = (v: number): string => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const int = (v: number): string => (Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const pct = (v: number): string => `${Math.round(v)}%`;
const mb = (v: number): string => `${v.toFixed(0)} MB`;

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const shares = (c: CpuShares): string => [c.gateway, c.simulators, c.generator, c.others].map(pct).join(' / ');

const p50Ratio = (q: QueryResult) => q.gateway.latency.p50 / q.direct.latency.p50;

export function headline(r: BenchResult): string {
  const ratios = r.queries.map(p50Ratio);
  const sorted = [...ratios].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return (
    `gateway p50 latency / direct p50 latency: ${sorted[0]!.toFixed(2)}× to ${sorted[sorted.length - 1]!.toFixed(2)}× across the ` +
    `${r.queries.length} contract queries (median ${median.toFixed(2)}×), with ${r.options.latencyMs} ms injected per upstream call`
  );
}

export function renderReport(r: BenchResult): string {
  const o = r.options;
  const m = r.machine;
  const seconds = (r.finishedAt.getTime() - r.startedAt.getTime()) / 1000;
  const command = `npm run bench${o.argv.length ? ` -- ${o.argv.join(' ')}` : ''}`;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(`Every figure below comes from one run of \`${command}\` (\`bench/\`), measured side by side.`, '');
  out.push(
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
      ],
    ),
    '',
  );
  out.push(
    `**Headline:** ${headline(r)}.`,
    '',
    `Setup: three processes on loopback, sharing the machine's ${m.cores} cores. The **simulators** (dxCore, Retail, Platform; ` +
      `\`bench/simulators-child.ts\`) add ${o.latencyMs} ms to every call. The **gateway** is \`node src/main.ts\` with default settings ` +
      '(no Redis, default resilience settings: 32 connections and at most 32 calls in flight per upstream). The **load generator** (this ' +
      "bench's own process, undici) sends the queries; the WebSocket subscribers run in a fourth process. CPU time and memory are read " +
      'from `/proc/<pid>` of each process, so the gateway\'s figures are its own.',
    '',
  );

  out.push('## Contract queries: gateway against direct calls', '');
  out.push(
    `*Direct* is the same upstream reads made with undici from the load generator in the best order (independent calls in parallel, ` +
      'the same credentials: a dxCore session from `POST /login`, the Retail and Platform keys), with no GraphQL in between: the limit ' +
      `a gateway could reach. Latency: ${o.samples} sequential requests per side, gateway and direct alternating. Throughput: a closed loop ` +
      `of ${o.concurrency} requests in flight for ${o.throughputSeconds} s per side, fewer where ${o.concurrency} would overflow the gateway's ` +
      'default per-upstream queue (32 calls in flight + 100 waiting; beyond that it refuses calls by design): ' +
      (r.queries.filter((q) => q.concurrency < o.concurrency).map((q) => `${q.name} ${q.concurrency}`).join(', ') || 'none') +
      ". Gateway CPU: the gateway process's user + system time over its throughput run, divided by the queries it answered.",
    '',
  );
  out.push(
    table(
      ['query', 'gateway p50 ms', 'gateway p99 ms', 'direct p50 ms', 'direct p99 ms', '**p50 ratio**', 'p99 ratio', 'gateway q/s', 'direct q/s', 'gateway CPU ms/query'],
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

  out.push('## Subscriptions: webhook fan-out over WebSockets', '');
  out.push(
    'N graphql-ws clients (`graphql-transport-ws` over `ws`, in one separate process) subscribe to `accountEvents` on one gateway process; ' +
      'the same process posts signed Platform webhooks (`standardwebhooks`) to `/webhooks/platform`, and each event carries its send time, ' +
      'so latency is from just before the webhook POST to the message\'s arrival at the client, on one clock. *Paced*: one event at a time, ' +
      'the next once every subscriber has it (latency without queueing). *Burst*: events posted back to back, each once the gateway ' +
      'acknowledged the last; events/s is whole events delivered to every subscriber per second (messages/s = events/s × N), from the ' +
      'first POST to the last arrival. Memory per connection: gateway RSS after all subscribed minus before, divided by N. Each ' +
      'subscriber count runs on a freshly started gateway process, so that the memory before connecting is a clean baseline.',
    '',
  );
  if (r.fanout.length > 0) {
    out.push(
      table(
        ['subscribers', 'connected', 'gateway RSS before → after', 'RSS per connection', 'paced p50 ms', 'paced p99 ms', 'burst events', 'burst events/s', 'burst messages/s', 'burst p50 ms', 'burst p99 ms', 'gateway CPU µs/message', 'CPU gateway / clients'],
        r.fanout.map((f) => [
          int(f.subscribers),
          `${int(f.connected)}${f.failed ? ` (${int(f.failed)} failed)` : ''}`,
          `${mb(f.rssBeforeMb)} → ${mb(f.rssAfterMb)} (after closing: ${mb(f.rssAfterCloseMb)})`,
          `${f.kibPerConnection.toFixed(1)} KiB`,
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
      if (notes.length) out.push(`- ${int(f.subscribers)} subscribers: ${notes.join('; ')}.`);
    }
    out.push(`Connecting took ${r.fanout.map((f) => `${(f.connectMs / 1000).toFixed(1)} s for ${int(f.subscribers)}`).join(', ')} (250 handshakes at a time).`, '');
  }

  out.push('## Load run', '');
  const l = r.load;
  out.push(
    'An open loop (requests sent at a fixed rate whether or not earlier ones answered; latency counted from when each was due) over ' +
      `the six contract queries in turn. A rate counts as sustained when every request answers 200 with data and no error and p99 stays ` +
      `under ${o.sustainedP99Ms} ms, i.e. no backlog builds. Probes of ${o.probeSeconds} s climb by 20% from half the closed-loop estimate ` +
      `(${int(l.estimate)} q/s, the harmonic mean of the per-query throughputs above); the best probe then runs for ${o.loadSeconds} s.`,
    '',
  );
  out.push(
    table(
      ['run', 'rate q/s', 'sent', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'result'],
      [
        ...l.probes.map((p, i) => [`probe ${i + 1}`, int(p.rate), int(p.sent), int(p.errors), ms(p.latency.p50), ms(p.latency.p99), ms(p.latency.max), p.passed ? 'sustained' : `not sustained${p.firstError ? `: ${p.firstError.slice(0, 120)}` : ''}`]),
        ...(l.sustained
          ? [[`**${o.loadSeconds} s**`, `**${int(l.sustained.rate)}**`, int(l.sustained.sent), int(l.sustained.errors), ms(l.sustained.latency.p50), ms(l.sustained.latency.p99), ms(l.sustained.latency.max), l.sustained.passed ? '**sustained**' : `failed: ${l.sustained.firstError?.slice(0, 120) ?? `p99 over ${o.sustainedP99Ms} ms`}`]]
          : []),
      ],
    ),
    '',
  );
  if (l.sustained) {
    const s = l.sustained;
    out.push(
      `${s.passed ? `**Highest sustained rate: ${int(s.rate)} queries/s for ${o.loadSeconds} s with no errors.**` : `No rate was sustained for ${o.loadSeconds} s.`} ` +
        `Gateway memory (RSS): ${mb(s.rssBeforeMb)} before, ${mb(s.rssAfterMb)} after, ${mb(s.rssIdleMb)} ${o.quick ? 1 : 5} s later. ` +
        `CPU during the run, % of one core (gateway / simulators / load generator / others): ${shares(s.cpu)}.`,
      '',
    );
  } else out.push('No probe rate passed, so there was no sustained run.', '');

  out.push('## Limits of these figures', '');
  out.push(
    `- All processes share ${m.cores} cores, so under load the simulators and the load generator take CPU the gateway would have on a machine of its own; ` +
      'the CPU shares above show how much. Throughput and the load run are lower bounds for the gateway alone.',
    '- The direct baseline runs in the load generator and is measured in the same way as the gateway (undici, keep-alive, JSON parsed); it has no GraphQL parsing, validation, auth or response shaping: that is the overhead the ratio shows.',
    `- The gateway's idle RSS after start was ${mb(r.gatewayIdleRssMb)}. RSS includes garbage not yet collected, so per-connection memory is approximate.`,
    '',
  );
  return out.join('\n');
}
