import { DxCoreUpstream } from './dxcore.ts';
import type { UpstreamHealth, UpstreamHttpSettings, UpstreamName } from './http.ts';
import { PlatformUpstream } from './platform.ts';
import { RetailUpstream } from './retail.ts';

export interface Upstreams {
  dxcore: DxCoreUpstream;
  retail: RetailUpstream;
  platform: PlatformUpstream;
}

export interface UpstreamTarget {
  url: URL;
  /** Timeouts, retries, breaker and concurrency cap, from UPSTREAM_RESILIENCE; unset ones take their defaults. */
  http?: UpstreamHttpSettings;
}

/** Where each upstream is and the gateway's credentials there. */
export interface UpstreamsConfig {
  dxcore: UpstreamTarget & { username: string; domain: string; password: string };
  retail: UpstreamTarget & { apiKey: string };
  platform: UpstreamTarget & { apiKey: string };
}

export function createUpstreams(config: UpstreamsConfig): Upstreams {
  return {
    dxcore: new DxCoreUpstream(config.dxcore.url, config.dxcore, config.dxcore.http),
    retail: new RetailUpstream(config.retail.url, config.retail.apiKey, config.retail.http),
    platform: new PlatformUpstream(config.platform.url, config.platform.apiKey, config.platform.http),
  };
}

export async function closeUpstreams(upstreams: Upstreams): Promise<void> {
  await Promise.all([upstreams.dxcore.close(), upstreams.retail.close(), upstreams.platform.close()]);
}

/** Each upstream's circuit, load and last failure, by name (for `/readyz`). */
export function upstreamHealth(upstreams: Upstreams): Record<UpstreamName, UpstreamHealth> {
  return { dxcore: upstreams.dxcore.http.health(), retail: upstreams.retail.http.health(), platform: upstreams.platform.http.health() };
}
