/**
 * Runs the three upstream simulators on their own (`npm run simulators`), for pointing a gateway or
 * any REST client at them, and prints what such a gateway needs as `export` lines: the upstream URLs
 * and credentials, a WEBHOOK_SECRET and a caller key. Settings (README, "Simulators alone"):
 * SIM_DXCORE_PORT, SIM_RETAIL_PORT, SIM_PLATFORM_PORT (default 4101-4103, 0 = any free port);
 * SIM_LATENCY_MS, latency added to every call; SIM_FAULTS, faults per route; WEBHOOK_SECRET (default:
 * a fresh one); SIM_WEBHOOK_URL or `--webhook-target <gateway base URL>`, where the simulators send
 * their signed webhooks (`/webhooks/platform`, `/webhooks/dxfeed`); without it they send none.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, parseWith } from '../setting-parsers.ts';
import { startSimulators } from './index.ts';

/** A whole-number setting from 0 to `max`, named in its error. */
const wholeNumber = (name: string, what: string, max: number, fallback: number) => {
  const error = `${name} must be ${what}, 0 to ${max}`;
  return parseWith(z.coerce.number({ error }).int(error).min(0, error).max(max, error).default(fallback), process.env[name]?.trim() || undefined);
};
const port = (name: string, fallback: number) => wholeNumber(name, 'a port number (0 = any free port)', 65535, fallback);

/** The gateway's base URL the webhooks go to: `--webhook-target` wins over SIM_WEBHOOK_URL. */
function webhookTarget(): string | undefined {
  const { values } = parseArgs({ options: { 'webhook-target': { type: 'string' } }, strict: true });
  const raw = (values['webhook-target'] ?? process.env.SIM_WEBHOOK_URL)?.trim();
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) throw new ConfigError('SIM_WEBHOOK_URL (or --webhook-target) must be an http:// or https:// URL: the gateway, e.g. http://localhost:4000');
  return raw;
}

/** WEBHOOK_SECRET as given (the gateway checks it the same way), or a fresh one to hand to the gateway. */
function webhookSecret(): string {
  const given = process.env.WEBHOOK_SECRET?.trim();
  if (!given) return `whsec_${randomBytes(32).toString('base64')}`;
  if (!/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/.test(given)) throw new ConfigError('WEBHOOK_SECRET must be whsec_ followed by the base64 of at least 16 random bytes');
  return given;
}

async function main(): Promise<void> {
  const target = webhookTarget();
  const secret = webhookSecret();
  const sims = await startSimulators({
    ports: { dxcore: port('SIM_DXCORE_PORT', 4101), retail: port('SIM_RETAIL_PORT', 4102), platform: port('SIM_PLATFORM_PORT', 4103) },
    latencyMs: wholeNumber('SIM_LATENCY_MS', 'a whole number of milliseconds', 60_000, 0),
  });
  if (target) sims.sendWebhooksTo(target, secret);
  const exports = { ...sims.env, WEBHOOK_SECRET: secret, ...(process.env.GATEWAY_API_KEYS ? {} : { GATEWAY_API_KEYS: `sim_${randomBytes(16).toString('hex')}=*` }) };
  console.log('Simulators are up. Point a gateway at them with:');
  for (const [name, value] of Object.entries(exports)) console.log(`  export ${name}=${value}`);
  console.log(
    target
      ? `Webhooks go to ${target.replace(/\/+$/, '')}/webhooks/platform and /webhooks/dxfeed, signed with that WEBHOOK_SECRET.`
      : 'No webhooks are sent: start with SIM_WEBHOOK_URL=<gateway base URL> or `npm run simulators -- --webhook-target <gateway base URL>`.',
  );
  const stop = () => void sims.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main().catch((error: unknown) => {
  if (!(error instanceof ConfigError) && !(error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) throw error;
  console.error(`Configuration error: ${error.message}`);
  process.exit(2);
});
