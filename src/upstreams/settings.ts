import { z } from 'zod';
import type { UpstreamHttpSettings, UpstreamName } from './http.ts';

const ms = z.number().int().nonnegative();
const count = z.number().int().positive();

/** One upstream's tunable call settings (`UpstreamHttpOptions` less `parseError`); unknown keys are refused. */
export const upstreamHttpSettings = z.strictObject({
  connectTimeoutMs: ms.optional(),
  headersTimeoutMs: ms.optional(),
  bodyTimeoutMs: ms.optional(),
  connections: count.optional(),
  retries: z.number().int().nonnegative().optional(),
  retryBaseDelayMs: ms.optional(),
  deadlineMs: count.optional(),
  maxConcurrent: count.optional(),
  maxQueued: z.number().int().nonnegative().optional(),
  maxPerCaller: count.optional(),
  maxQueuedPerCaller: z.number().int().nonnegative().optional(),
  breakerThreshold: count.optional(),
  breakerCooldownMs: ms.optional(),
}) satisfies z.ZodType<UpstreamHttpSettings>;

/** `UPSTREAM_RESILIENCE`: settings by upstream name, `*` for all three (a named upstream's own keys win). */
export const upstreamSettingsByName = z.strictObject({
  '*': upstreamHttpSettings.optional(),
  dxcore: upstreamHttpSettings.optional(),
  retail: upstreamHttpSettings.optional(),
  platform: upstreamHttpSettings.optional(),
});
export type UpstreamSettingsByName = z.infer<typeof upstreamSettingsByName>;

/** One upstream's settings out of `UPSTREAM_RESILIENCE`. */
export const settingsFor = (all: UpstreamSettingsByName, name: UpstreamName): UpstreamHttpSettings => ({ ...all['*'], ...all[name] });
