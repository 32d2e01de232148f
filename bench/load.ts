/**
 * Load generation in this process: alternating sequential samples (latency), a closed loop at a fixed
 * concurrency (throughput), and an open loop at a fixed rate whose latencies count from the time each
 * request was due, so that a gateway falling behind shows as latency rather than as a slower sender.
 */
import { Pool } from 'undici';
import type { GatewayRequest } from './queries.ts';

export type Operation = () => Promise<void>;

/** Sends GraphQL requests to the gateway; an answer other than 200 with data and no `errors` throws. */
export class GatewayClient {
  private readonly pool: Pool;

  constructor(url: string, connections: number) {
    this.pool = new Pool(url, { connections, keepAliveTimeout: 10_000, headersTimeout: 15_000, bodyTimeout: 15_000 });
  }

  /** The parsed answer, for checks and naive counts. */
  async query(req: GatewayRequest): Promise<{ data: Record<string, unknown> }> {
    const text = await this.send(req);
    return JSON.parse(text) as { data: Record<string, unknown> };
  }

  operation(req: GatewayRequest): Operation {
    return async () => void (await this.send(req));
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(req: GatewayRequest): Promise<string> {
    const res = await this.pool.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(req.authorization ? { authorization: req.authorization } : {}) },
      body: req.body,
    });
    const text = await res.body.text();
    // A field named "errors" does not occur in the contract queries' data, so this finds GraphQL errors cheaply.
    if (res.statusCode !== 200 || text.includes('"errors":') || !text.startsWith('{"data":{')) throw new Error(`gateway answered ${res.statusCode}: ${errorsFirst(text).slice(0, 300)}`);
    return text;
  }
}

/** The answer's errors before its data, so that a cut message still says what failed. */
function errorsFirst(text: string): string {
  try {
    const { errors } = JSON.parse(text) as { errors?: unknown };
    return errors ? `errors ${JSON.stringify(errors)}` : text;
  } catch {
    return text;
  }
}

const timed = async (op: Operation): Promise<number> => {
  const started = performance.now();
  await op();
  return performance.now() - started;
};

/** `samples` sequential runs of each operation, in turn (a, b, c, a, b, c, …) so that all see the same machine. */
export async function alternatingLatency(ops: Operation[], samples: number, warmup: number): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const op of ops) await op();
  const out = ops.map(() => [] as number[]);
  for (let i = 0; i < samples; i++) for (const [j, op] of ops.entries()) out[j]!.push(await timed(op));
  return out;
}

export interface ClosedLoopResult {
  completed: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
  latencies: number[];
}

/** `concurrency` workers, each sending its next request when the last answered, for `durationMs`. */
export async function closedLoop(op: Operation, concurrency: number, durationMs: number): Promise<ClosedLoopResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await op();
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - started;
  return { completed: latencies.length, errors, elapsedMs, perSecond: (latencies.length * 1000) / elapsedMs, latencies };
}

export interface OpenLoopResult {
  rate: number;
  durationMs: number;
  sent: number;
  completed: number;
  errors: number;
  firstError: string | undefined;
  /** From the time each request was due to its answer. */
  latencies: number[];
  /** Answers per second over the run, drain included. */
  achievedPerSecond: number;
}

/**
 * Sends `rate` requests per second for `durationMs`, cycling through `ops`, whether or not earlier ones
 * have answered; then waits for the last answers (at most `drainMs`).
 */
export async function openLoop(ops: Operation[], rate: number, durationMs: number, drainMs = 15_000): Promise<OpenLoopResult> {
  const latencies: number[] = [];
  let sent = 0;
  let errors = 0;
  let firstError: string | undefined;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  const total = Math.round((rate * durationMs) / 1000);
  const fire = (due: number) => {
    const op = ops[sent % ops.length]!;
    sent++;
    const p = op().then(
      () => void latencies.push(performance.now() - due),
      (error: unknown) => {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Request k is due at started + k / rate: the first at once.
      const due = Math.min(total, Math.floor(((now - started) * rate) / 1000) + 1);
      while (sent < due) fire(started + (sent * 1000) / rate);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 2);
  });
  const drainEnd = performance.now() + drainMs;
  while (inFlight.size > 0 && performance.now() < drainEnd) await Promise.race([...inFlight, new Promise((r) => setTimeout(r, 100))]);
  const unanswered = inFlight.size;
  if (unanswered > 0) {
    errors += unanswered;
    firstError ??= `${unanswered} requests unanswered ${drainMs} ms after the last was sent`;
  }
  const elapsed = performance.now() - started;
  return { rate, durationMs, sent, completed: latencies.length, errors, firstError, latencies, achievedPerSecond: (latencies.length * 1000) / elapsed };
}

/** Why a run failed, as the gateway said it; the gateway's own upstream queue is named (README, Resilience). */
export function failureCause(run: OpenLoopResult): string | undefined {
  if (!run.firstError) return undefined;
  const queue = /(dxCore|Retail Services Platform|Platform accounts API): too many calls in progress/.exec(run.firstError);
  if (queue) return `${queue[1]}: too many calls in progress (the gateway's per-upstream queue was full)`;
  return run.firstError.slice(0, 160);
}
