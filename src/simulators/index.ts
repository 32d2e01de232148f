import { randomBytes } from 'node:crypto';
import { DxCoreSimulator } from './dxcore/index.ts';
import { PlatformSimulator } from './platform/index.ts';
import { RetailSimulator } from './retail/index.ts';
import { seedWorld } from './seed.ts';
import type { World } from './records.ts';

export interface SimulatorOptions {
  world?: World;
  /** dxCore session lifetime, ms. @default 30 minutes */
  sessionDurationMs?: number;
  /** Injected latency per upstream call, ms. @default 0 */
  latencyMs?: number;
  /** Answer Retail reads in the older shape of document 002. @default false */
  retailLegacy?: boolean;
  /** Ports to listen on. @default 0 (any free port) */
  ports?: { dxcore?: number; retail?: number; platform?: number };
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
  const [dxcoreUrl, retailUrl, platformUrl] = await Promise.all([
    dxcore.listen(options.ports?.dxcore),
    retail.listen(options.ports?.retail),
    platform.listen(options.ports?.platform),
  ]);
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
    close: async () => {
      await Promise.all([dxcore.close(), retail.close(), platform.close()]);
    },
  };
}
