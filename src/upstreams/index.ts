import type { GatewayConfig } from '../config.ts';
import { DxCoreUpstream } from './dxcore.ts';
import { PlatformUpstream } from './platform.ts';
import { RetailUpstream } from './retail.ts';

export interface Upstreams {
  dxcore: DxCoreUpstream;
  retail: RetailUpstream;
  platform: PlatformUpstream;
}

export type UpstreamsConfig = Required<Pick<GatewayConfig, 'dxcore' | 'retail' | 'platform'>>;

export function createUpstreams(config: UpstreamsConfig): Upstreams {
  return {
    dxcore: new DxCoreUpstream(config.dxcore.url, config.dxcore),
    retail: new RetailUpstream(config.retail.url, config.retail.apiKey),
    platform: new PlatformUpstream(config.platform.url, config.platform.apiKey),
  };
}

export async function closeUpstreams(upstreams: Upstreams): Promise<void> {
  await Promise.all([upstreams.dxcore.close(), upstreams.retail.close(), upstreams.platform.close()]);
}
