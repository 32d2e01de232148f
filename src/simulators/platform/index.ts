import { SimServer } from '../http.ts';
import type { PlatformSeed } from '../records.ts';
import { platformCodes, platformFailure, registerPlatformReadRoutes, type PlatformContext } from './routes.ts';
import { PlatformState } from './state.ts';

export { PlatformState, isUuid, type PlatformListQuery, type PlatformOrder, type PlatformPage, type PlatformSort } from './state.ts';
export { platformCodes, platformFailure, platformRoutePatterns, serializePlatformAccount, type PlatformContext } from './routes.ts';

export interface PlatformSimulatorOptions {
  seed: PlatformSeed;
  apiKey: string;
}

/** The Platform accounts API (document 004, paths from readings.ts) as an HTTP server. */
export class PlatformSimulator {
  readonly server: SimServer;
  readonly state: PlatformState;
  private readonly apiKey: string;

  constructor(options: PlatformSimulatorOptions) {
    this.state = new PlatformState(options.seed);
    this.apiKey = options.apiKey;
    this.server = new SimServer('platform', {
      notFound: (req) => platformFailure(404, platformCodes.routeNotFound, `No route for ${req.method} ${req.path}`),
      internalError: () => platformFailure(500, platformCodes.internalError, 'Internal server error'),
    });
    const ctx: PlatformContext = { state: this.state, apiKey: this.apiKey };
    registerPlatformReadRoutes(this.server, ctx);
  }

  listen(port?: number): Promise<string> {
    return this.server.listen(port);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
