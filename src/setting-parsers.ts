import type { z } from 'zod';

/**
 * The parts every setting is read with, the gateway's (config.ts) and the simulators' (SIM_FAULTS)
 * alike: the error a bad value stops the start with, and the parsers that name the variable in it.
 */

/** A configuration problem, reported without echoing any secret value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * A JSON-valued variable checked by `schema`: each problem is named by the variable and its path
 * (`SIM_FAULTS platform.GET /accounts.errorRate: ...`), without echoing the value.
 */
export function parseJsonSetting<T>(name: string, raw: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${name} must be JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${name}${i.path.length ? ` ${i.path.join('.')}` : ''}: ${i.message}`).join('; '));
  }
  return result.data;
}

/** A value checked by `schema`, whose messages name the variable themselves. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}
