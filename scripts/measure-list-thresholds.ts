/**
 * Measures, for each dxCore entity kind with both a single read and a list read, the batch size from
 * which one list call costs no more than one call per key (`npm run measure:thresholds`).
 *
 * Method: simulators with a fixed 5 ms latency per call; for k = 1..12 keys, the median wall time of
 * k single reads made in parallel (one round, as the loaders make them) against the median of one list
 * read, over 15 trials each, plus the bytes each moves. The threshold printed is the smallest k where
 * the list is no slower and moves no more than 4x the bytes of the k singles. The list's cost grows with
 * the upstream's population (here 7 brokers, 5 groups, 60 clients, 150 accounts), so a deployment with
 * a far larger book should measure again and raise the client and account thresholds.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulators } from '../src/simulators/index.ts';
import { DxCoreUpstream, type DxCoreApi } from '../src/upstreams/dxcore.ts';

const trials = 15;
const sims = await startSimulators({ latencyMs: 5 });
const dxcore = new DxCoreUpstream(new URL(sims.env.DXCORE_URL), { username: sims.env.DXCORE_USERNAME, domain: sims.env.DXCORE_DOMAIN, password: sims.env.DXCORE_PASSWORD });
const api = dxcore.service;
await api.brokers();

const state = sims.dxcore.state;
const kinds: Record<string, { keys: string[][]; one: (api: DxCoreApi, key: string[]) => Promise<unknown>; list: (api: DxCoreApi) => Promise<unknown> }> = {
  broker: { keys: [...state.brokers.keys()].map((k) => [k]), one: (a, [c]) => a.broker(c!), list: (a) => a.brokers() },
  clientGroup: { keys: [...state.clientGroups.values()].map((g) => [g.domain, g.name]), one: (a, [d, n]) => a.clientGroup(d!, n!), list: (a) => a.clientGroups() },
  client: { keys: [...state.clients.values()].map((c) => [c.domain, c.login]), one: (a, [d, l]) => a.client(d!, l!), list: (a) => a.clients() },
  account: { keys: [...state.accounts.values()].map((c) => [c.clearingCode, c.accountCode]), one: (a, [c, n]) => a.account(c!, n!), list: (a) => a.accounts() },
};

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < trials; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
    await sleep(2);
  }
  return median(times);
}
const bytes = (value: unknown) => JSON.stringify(value).length;

console.log('kind         k  singles ms  list ms  singles B  list B');
for (const [kind, k] of Object.entries(kinds)) {
  const listMs = await timed(() => k.list(api));
  const listBytes = bytes(await k.list(api));
  let threshold: number | undefined;
  for (let n = 1; n <= Math.min(12, k.keys.length); n++) {
    const keys = k.keys.slice(0, n);
    const singlesMs = await timed(() => Promise.all(keys.map((key) => k.one(api, key))));
    const singlesBytes = bytes(await Promise.all(keys.map((key) => k.one(api, key))));
    console.log(`${kind.padEnd(12)} ${String(n).padStart(2)}  ${singlesMs.toFixed(1).padStart(10)}  ${listMs.toFixed(1).padStart(7)}  ${String(singlesBytes).padStart(9)}  ${String(listBytes).padStart(6)}`);
    if (threshold === undefined && listMs <= singlesMs && listBytes <= 4 * singlesBytes) threshold = n;
  }
  console.log(`=> ${kind}: list call from ${threshold ?? 'never (up to 12 keys)'}\n`);
}
await dxcore.close();
await sims.close();
