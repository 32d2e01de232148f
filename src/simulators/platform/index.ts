import { SimEvents } from '../events.ts';
import { SimServer } from '../http.ts';
import type { PlatformSeed } from '../records.ts';
import type { PlatformEvent } from './events.ts';
import { platformCodes, platformFailure, registerPlatformReadRoutes, type PlatformContext } from './routes.ts';
import { PlatformState } from './state.ts';
import { registerPlatformWriteRoutes } from './writes.ts';

export {
  PlatformState,
  isUuid,
  type NewPlatformAccount,
  type PlatformListQuery,
  type PlatformOrder,
  type PlatformPage,
  type PlatformSort,
  type PlatformStateOptions,
} from './state.ts';
export { platformCodes, platformFailure, platformRoutePatterns, serializePlatformAccount, type PlatformContext } from './routes.ts';
export type { PlatformEvent, PlatformEventType } from './events.ts';
export { platformNameMaxLength } from './writes.ts';

export interface PlatformSimulatorOptions {
  seed: PlatformSeed;
  apiKey: string;
  /** How long a closing account stays CLOSING before it is CLOSED, ms. @default 2000 */
  closeDelayMs?: number;
}

/** The Platform accounts API (document 004, paths from readings.ts) as an HTTP server. */
export class PlatformSimulator {
  readonly server: SimServer;
  readonly state: PlatformState;
  /** Every account change, shaped as document 004's webhook body. */
  readonly events = new SimEvents<PlatformEvent>();
  private readonly apiKey: string;

  constructor(options: PlatformSimulatorOptions) {
    this.state = new PlatformState(options.seed, { events: this.events, closeDelayMs: options.closeDelayMs ?? 2000 });
    this.apiKey = options.apiKey;
    this.server = new SimServer('platform', {
      notFound: (req) => platformFailure(404, platformCodes.routeNotFound, `No route for ${req.method} ${req.path}`),
      internalError: () => platformFailure(500, platformCodes.internalError, 'Internal server error'),
      unavailable: () => platformFailure(503, 'SERVICE_UNAVAILABLE', 'Service unavailable'),
    });
    const ctx: PlatformContext = { state: this.state, apiKey: this.apiKey };
    registerPlatformReadRoutes(this.server, ctx);
    registerPlatformWriteRoutes(this.server, ctx);
  }

  listen(port?: number): Promise<string> {
    return this.server.listen(port);
  }

  /** Stops the server and any pending closure. */
  close(): Promise<void> {
    this.state.dispose();
    return this.server.close();
  }
}
