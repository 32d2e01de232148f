import { z } from 'zod';
import { ConfigError, parseJsonSetting } from '../setting-parsers.ts';
import type { SimServer } from './http.ts';

const rate = z.number().min(0).max(1);

/**
 * Faults injected into one route's calls. The rates share one draw per call, so they add up to at
 * most 1 and each is exactly that share of the calls.
 */
export const simFault = z
  .strictObject({
    /** Delay before answering (or resetting), ms, on top of the server's `latencyMs`. */
    latencyMs: z.number().int().nonnegative().optional(),
    /** Share of calls answered with the upstream's own 5xx body, without running the handler. */
    errorRate: rate.optional(),
    /** The status those answers have. @default 503 */
    errorStatus: z.union([z.literal(500), z.literal(503)]).optional(),
    /** Share of calls whose connection is destroyed without an answer, without running the handler. */
    resetRate: rate.optional(),
    /** Share of calls answered 200 with an unreadable body: the real answer cut in half, or an HTML page. */
    garbageRate: rate.optional(),
  })
  .refine((f) => (f.errorRate ?? 0) + (f.resetRate ?? 0) + (f.garbageRate ?? 0) <= 1, 'errorRate + resetRate + garbageRate must be at most 1');
export type SimFault = z.infer<typeof simFault>;

/** Faults by route pattern as in `CallRecord.route` (`GET /accounts/:accountId`), or `*` for every call; a route's own keys win over `*`'s. */
export const simFaults = z.record(z.string(), simFault).superRefine((faults, ctx) => {
  for (const route of Object.keys(faults)) {
    if (!/^(\*|[A-Z]+ \/\S*)$/.test(route)) ctx.addIssue({ code: 'custom', path: [route], message: 'must be * or "METHOD /route/:pattern"' });
  }
});
export type SimFaults = z.infer<typeof simFaults>;

/** `SIM_FAULTS` and `startSimulators({ faults })`: faults per simulator, and a seed for the draws. */
export const simulatorFaults = z.strictObject({
  /** Seeds every simulator's fault draws, so that a run repeats. @default unseeded (Math.random) */
  seed: z.number().int().optional(),
  dxcore: simFaults.optional(),
  retail: simFaults.optional(),
  platform: simFaults.optional(),
});
export type SimulatorFaults = z.infer<typeof simulatorFaults>;

/** What a fault did to one call: the answer it replaced, or only a delay. */
export type AppliedFault = 'error' | 'reset' | 'garbage' | 'latency';

/** Reads SIM_FAULTS, e.g. `{"platform": {"GET /accounts": {"errorRate": 0.5}}}`; a bad value is a ConfigError naming the key. */
export function parseSimFaults(raw: string | undefined): SimulatorFaults | undefined {
  return parseJsonSetting('SIM_FAULTS', raw, simulatorFaults);
}

/** Sets each simulator's faults (none where `faults` names none); a route no simulator has is a ConfigError naming `source`. */
export function applySimFaults(servers: Record<'dxcore' | 'retail' | 'platform', SimServer>, faults: SimulatorFaults | undefined, source: string): void {
  for (const name of ['dxcore', 'retail', 'platform'] as const) {
    try {
      servers[name].setFaults(faults?.[name] ?? {}, { seed: faults?.seed });
    } catch (error) {
      throw new ConfigError(`${source}: ${(error as Error).message}`);
    }
  }
}

/** A small seedable generator (mulberry32) of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fault one call gets: its delay and, by one draw, the answer it replaces. */
export function drawFault(fault: SimFault | undefined, random: () => number): { latencyMs: number; kind?: Exclude<AppliedFault, 'latency'>; errorStatus: 500 | 503 } {
  const latencyMs = fault?.latencyMs ?? 0;
  const errorStatus = fault?.errorStatus ?? 503;
  if (!fault || (fault.errorRate ?? 0) + (fault.resetRate ?? 0) + (fault.garbageRate ?? 0) === 0) return { latencyMs, errorStatus };
  const r = random();
  let bound = fault.resetRate ?? 0;
  if (r < bound) return { latencyMs, errorStatus, kind: 'reset' };
  bound += fault.errorRate ?? 0;
  if (r < bound) return { latencyMs, errorStatus, kind: 'error' };
  bound += fault.garbageRate ?? 0;
  if (r < bound) return { latencyMs, errorStatus, kind: 'garbage' };
  return { latencyMs, errorStatus };
}

/** An unreadable 200 body: the real JSON answer cut in half, or an HTML error page where there was none. */
export function garbageBody(text: string | undefined): string {
  if (text && /^[[{"]/.test(text) && text.length >= 2) return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return '<html><body><h1>Bad Gateway</h1></body></html>';
}
