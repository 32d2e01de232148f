import { randomBytes } from 'node:crypto';
import { DxCoreSimulator } from './dxcore/index.ts';
import { PlatformSimulator } from './platform/index.ts';
import { RetailSimulator } from './retail/index.ts';
import { applySimFaults, parseSimFaults, type SimulatorFaults } from './faults.ts';
import { seedWorld } from './seed.ts';
import type { World } from './records.ts';
import { WebhookSender, type WebhookSenderOptions } from './webhooks.ts';

export interface SimulatorOptions {
  world?: World;
  /** dxCore session lifetime, ms. @default 30 minutes */
  sessionDurationMs?: number;
  /** Injected latency per upstream call, ms. @default 0 */
  latencyMs?: number;
  /** Answer Retail reads in the older shape of document 002. @default false */
  retailLegacy?: boolean;
  /** Faults injected per simulator and route (`SimServer.setFaults`). @default SIM_FAULTS from the environment, else none */
  faults?: SimulatorFaults;
  /** Ports to listen on. @default 0 (any free port) */
  ports?: { dxcore?: number; retail?: number; platform?: number };
  /** How often Retail reports subscriptions whose end passed (SUBSCRIPTION.DEACTIVATED), ms; 0 = never. @default 1000 */
  expirySweepMs?: number;
  /** Retry and queue settings of the webhook senders `sendWebhooksTo` starts. @default WebhookSender's defaults */
  webhooks?: Omit<WebhookSenderOptions, 'url' | 'secret'>;
}

/** The three simulators, listening, and the settings a gateway needs to use them. */
export interface Simulators {
  dxcore: DxCoreSimulator;
  retail: RetailSimulator;
  platform: PlatformSimulator;
  env: {
    DXCORE_URL: string;
    DXCORE_USERNAME: string;
    DXCORE_DOMAIN: string;
    DXCORE_PASSWORD: string;
    RETAIL_URL: string;
    RETAIL_API_KEY: string;
    PLATFORM_URL: string;
    PLATFORM_API_KEY: string;
  };
  /** Every call log, emptied. */
  clearCalls(): void;
  /**
   * Sends every Platform event to `<gatewayBaseUrl>/webhooks/platform` and every dxFeed callback to
   * `<gatewayBaseUrl>/webhooks/dxfeed`, signed with `secret` (`whsec_<base64>`, Standard Webhooks), with
   * the event's `id` as `webhook-id`. A later call replaces the target; what the old one still held is dropped.
   */
  sendWebhooksTo(gatewayBaseUrl: string, secret: string): void;
  close(): Promise<void>;
}

const secret = () => randomBytes(18).toString('base64url');

/** Starts the dxCore, Retail and Platform simulators on loopback with fresh credentials. */
export async function startSimulators(options: SimulatorOptions = {}): Promise<Simulators> {
  const world = options.world ?? seedWorld();
  const service = { username: 'gateway', domain: 'default', password: secret() };
  const keys = { retail: secret(), platform: secret() };
  const retail = new RetailSimulator({ seed: world.retail, apiKey: keys.retail, legacy: options.retailLegacy });
  // dxCore cancels a disabled user's dxFeed subscriptions (document 003); looked up at call time, so tests can stand in.
  const dxFeed = { cancelAllSubscriptions: (accountId: string) => void retail.state.cancelAllSubscriptions(accountId) };
  const dxcore = new DxCoreSimulator({ seed: world.dxcore, service, sessionDurationMs: options.sessionDurationMs, dxFeed });
  const platform = new PlatformSimulator({ seed: world.platform, apiKey: keys.platform });
  const servers = [dxcore.server, retail.server, platform.server];
  for (const server of servers) server.latencyMs = options.latencyMs ?? 0;
  // Read here rather than by the callers, so that demo mode (`npm start`) and `npm run simulators` both take SIM_FAULTS.
  const faults = options.faults ? { faults: options.faults, source: 'faults' } : { faults: parseSimFaults(process.env.SIM_FAULTS), source: 'SIM_FAULTS' };
  applySimFaults({ dxcore: dxcore.server, retail: retail.server, platform: platform.server }, faults.faults, faults.source);
  const [dxcoreUrl, retailUrl, platformUrl] = await Promise.all([
    dxcore.listen(options.ports?.dxcore),
    retail.listen(options.ports?.retail),
    platform.listen(options.ports?.platform),
  ]);
  // Nothing else ticks in the simulators: expiry callbacks (DEACTIVATED) need a sweep of their own.
  const sweepMs = options.expirySweepMs ?? 1000;
  const sweep = sweepMs > 0 ? setInterval(() => retail.state.sweepExpired(), sweepMs).unref() : undefined;
  let stopWebhooks = () => {};
  return {
    dxcore,
    retail,
    platform,
    env: {
      DXCORE_URL: dxcoreUrl,
      DXCORE_USERNAME: service.username,
      DXCORE_DOMAIN: service.domain,
      DXCORE_PASSWORD: service.password,
      RETAIL_URL: retailUrl,
      RETAIL_API_KEY: keys.retail,
      PLATFORM_URL: platformUrl,
      PLATFORM_API_KEY: keys.platform,
    },
    clearCalls: () => servers.forEach((s) => s.clearCalls()),
    sendWebhooksTo: (gatewayBaseUrl, secret) => {
      stopWebhooks();
      stopWebhooks = sendWebhooks(platform, retail, gatewayBaseUrl, secret, options.webhooks);
    },
    close: async () => {
      clearInterval(sweep);
      stopWebhooks();
      await Promise.all([dxcore.close(), retail.close(), platform.close()]);
    },
  };
}

/** Sends both simulators' events to the gateway's webhook routes; answers what stops it. */
function sendWebhooks(
  platform: PlatformSimulator,
  retail: RetailSimulator,
  gatewayBaseUrl: string,
  secret: string,
  options: SimulatorOptions['webhooks'],
): () => void {
  const base = gatewayBaseUrl.replace(/\/+$/, '');
  const toPlatform = new WebhookSender({ ...options, url: `${base}/webhooks/platform`, secret });
  const toDxFeed = new WebhookSender({ ...options, url: `${base}/webhooks/dxfeed`, secret });
  // The event's own id: unique per event and kept across retries. Platform's `webhook_id` names the
  // webhook subscription and is shared by all its events, so as a webhook-id it would de-duplicate them away.
  const offs = [platform.events.on((event) => toPlatform.send(event.id, event)), retail.events.on((event) => toDxFeed.send(event.id, event))];
  return () => {
    for (const off of offs) off();
    toPlatform.close();
    toDxFeed.close();
  };
}
