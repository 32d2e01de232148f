/**
 * The three upstream simulators in a process of their own (started by `processes.ts`), so that their
 * CPU is neither the gateway's nor the load generator's. Over IPC they answer what the bench needs:
 * their settings, seeded records to query, and the call log (the calls queries made, for counts and rounds).
 */
import { startSimulators } from '../src/simulators/index.ts';
import { seededClientPassword } from '../src/simulators/seed.ts';
import { queryCalls, type UpstreamCall } from '../test/support/gateway.ts';

/** What the parent asks; every request carries an id its answer repeats. */
export type SimulatorsRequest = { id: number; type: 'clear' } | { id: number; type: 'calls' };
export type SimulatorsAnswer = { id: number; calls?: UpstreamCall[] };

export interface SimulatorsReady {
  type: 'ready';
  env: Record<string, string>;
  /** A seeded trader with accounts and a linked market-data account. */
  trader: { domain: string; login: string; password: string };
  notificationId: string;
}

const sims = await startSimulators({ latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 5), expirySweepMs: 0, faults: {} });
const owners = new Set([...sims.dxcore.state.accounts.values()].map((a) => a.owner));
const trader = [...sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId && c.status !== 'DISABLED' && owners.has(`${c.domain}@${c.login}`));
const notification = sims.dxcore.state.notifications.values().next().value;
if (!trader || !notification) throw new Error('the seeded world has no trader with market data or no notification');

const send = (message: SimulatorsReady | SimulatorsAnswer) => process.send?.(message);
send({ type: 'ready', env: { ...sims.env }, trader: { domain: trader.domain, login: trader.login, password: seededClientPassword }, notificationId: notification.id });

process.on('message', (request: SimulatorsRequest) => {
  if (request.type === 'clear') {
    sims.clearCalls();
    send({ id: request.id });
  } else send({ id: request.id, calls: queryCalls(sims) });
});
process.on('disconnect', () => void sims.close().then(() => process.exit(0)));
