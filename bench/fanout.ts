/**
 * Webhook fan-out to N WebSocket subscribers on one gateway process: memory per connection (gateway
 * RSS before and after connecting), webhook-to-client latency one event at a time, and delivery rate
 * under a burst of events.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { root, sampleProcess, type CollectedMemory, type GatewayProcess } from './processes.ts';
import type { LatencySummary } from './stats.ts';
import type { SubscribersAnswer, SubscribersRequest } from './subscribers-child.ts';

export interface FanoutSettings {
  subscribers: number;
  /** Distinct accounts the subscribers spread over (each event reaches one account's); 1: all subscribe to one operation. */
  accounts: number;
  /** Events sent one at a time, each awaited at every subscriber: latency without queueing. */
  pacedEvents: number;
  /** Events sent back to back (each once the gateway logged the last): delivery rate. */
  burstEvents: number;
}

export interface FanoutResult extends FanoutSettings {
  /** Which gateway ran: the baseline checkout's (`--baseline`) or this one's. */
  gateway: 'baseline' | 'this';
  connected: number;
  failed: number;
  firstError: string | undefined;
  connectMs: number;
  /** Gateway memory after a full collection: before connecting, with everyone subscribed, after the burst and closing every socket. */
  before: CollectedMemory;
  subscribed: CollectedMemory;
  closed: CollectedMemory;
  /** KiB of gateway RSS per connected subscriber. */
  kibPerConnection: number;
  paced: Delivery;
  burst: Delivery;
}

export interface Delivery {
  events: number;
  expected: number;
  delivered: number;
  elapsedMs: number;
  latency: LatencySummary;
  /** Whole events (each to every subscriber of its account) per second, and messages per second. */
  eventsPerSecond: number;
  messagesPerSecond: number;
  gatewayCpuPercent: number;
  generatorCpuPercent: number;
  ended: number;
  firstEnd: string | undefined;
}

class SubscribersProcess {
  readonly child: ChildProcess;
  private output = '';

  constructor() {
    this.child = spawn(process.execPath, [new URL('subscribers-child.ts', import.meta.url).pathname], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const keep = (chunk: Buffer) => void (this.output = (this.output + String(chunk)).slice(-10_000));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  ask<T extends SubscribersAnswer['type']>(request: SubscribersRequest, expect: T): Promise<Extract<SubscribersAnswer, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`subscriber process exited (${code}):\n${this.output}`));
      this.child.once('exit', onExit);
      this.child.once('message', (answer: SubscribersAnswer) => {
        this.child.off('exit', onExit);
        if (answer.type === expect) resolve(answer as Extract<SubscribersAnswer, { type: T }>);
        else reject(new Error(`subscriber process: ${answer.type === 'failed' ? answer.error : answer.type}`));
      });
      this.child.send(request);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureFanout(gateway: GatewayProcess, side: FanoutResult['gateway'], auth: { authorization: string; secret: string }, settings: FanoutSettings): Promise<FanoutResult> {
  const subscribers = new SubscribersProcess();
  try {
    const before = await gateway.collectedMemory();
    const connected = await subscribers.ask({ type: 'connect', url: gateway.url, ...auth, count: settings.subscribers, accounts: settings.accounts }, 'connected');
    const subscribed = await gateway.collectedMemory();
    const delivery = async (type: 'paced' | 'burst', events: number): Promise<Delivery> => {
      const g0 = sampleProcess(gateway.pid);
      const s0 = sampleProcess(subscribers.child.pid!);
      const d = await subscribers.ask({ type, events }, 'delivered');
      const g1 = sampleProcess(gateway.pid);
      const s1 = sampleProcess(subscribers.child.pid!);
      const seconds = d.elapsedMs / 1000;
      return {
        events: d.events,
        expected: d.expected,
        delivered: d.delivered,
        elapsedMs: d.elapsedMs,
        latency: d.latency,
        eventsPerSecond: d.expected ? (d.delivered / d.expected) * (d.events / seconds) : 0,
        messagesPerSecond: d.delivered / seconds,
        gatewayCpuPercent: ((g1.cpuMs - g0.cpuMs) / d.elapsedMs) * 100,
        generatorCpuPercent: ((s1.cpuMs - s0.cpuMs) / d.elapsedMs) * 100,
        ended: d.ended,
        firstEnd: d.firstEnd,
      };
    };
    const paced = await delivery('paced', settings.pacedEvents);
    const burst = await delivery('burst', settings.burstEvents);
    await subscribers.ask({ type: 'close' }, 'closed');
    await pause(1_000);
    const closed = await gateway.collectedMemory();
    return {
      ...settings,
      gateway: side,
      connected: connected.connected,
      failed: connected.failed,
      firstError: connected.firstError,
      connectMs: connected.ms,
      before,
      subscribed,
      closed,
      kibPerConnection: connected.connected ? ((subscribed.rssMb - before.rssMb) * 1024) / connected.connected : Number.NaN,
      paced,
      burst,
    };
  } finally {
    await subscribers.stop();
  }
}
