import { SimEvents } from '../events.ts';
import { SimServer } from '../http.ts';
import type { RetailSeed } from '../records.ts';
import { registerRetailAccountRoutes } from './accounts.ts';
import type { RetailEvent } from './events.ts';
import { registerRetailPageRoutes } from './pages.ts';
import { registerRetailReadRoutes, retailFailure, type RetailContext } from './routes.ts';
import { RetailState } from './state.ts';
import { registerRetailSubscriptionRoutes } from './subscriptions.ts';
import { registerRetailTokenRoutes } from './tokens.ts';

export { RetailState, effectiveSubscription, isValidEmail, normalizeEmail, retailProfileLinkTtlMs } from './state.ts';
export type { RetailApiVersion, RetailCredentials, RetailOrder, RetailOrderItem, RetailSignupForm, RetailStateOptions } from './state.ts';
export type { RetailEvent, RetailEventType } from './events.ts';
export { retailAllowedStatuses } from './accounts.ts';
export {
  retailAuthReason,
  retailFailureBody,
  retailMessages,
  serializeRetailAccount,
  type RetailAccountBody,
  type RetailAuthSpelling,
  type RetailContext,
} from './routes.ts';

export interface RetailSimulatorOptions {
  seed: RetailSeed;
  apiKey: string;
  /** Answer in the older shape of document 002 (account = {id, email}). @default false */
  legacy?: boolean;
  /** The application setting "credentials generation" (document 001). @default true */
  credentialsGeneration?: boolean;
}

/** The Retail Services Platform (documents 001 and 002) as an HTTP server. */
export class RetailSimulator {
  readonly server: SimServer;
  readonly state: RetailState;
  /** Every subscription change, shaped as a dxFeed callback (seeds README). */
  readonly events = new SimEvents<RetailEvent>();
  /** Answer accounts as document 002 does; read on every request, so it may be flipped at run time. */
  legacy: boolean;
  private readonly apiKey: string;
  /** Set by listen(): the signup and profile links point back at this server. */
  private url: string | undefined;

  constructor(options: RetailSimulatorOptions) {
    this.state = new RetailState(options.seed, { events: this.events, credentialsGeneration: options.credentialsGeneration ?? true });
    this.apiKey = options.apiKey;
    this.legacy = options.legacy ?? false;
    this.server = new SimServer('retail', {
      notFound: (req) => retailFailure(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`),
      internalError: () => retailFailure(500, 'INTERNAL_ERROR', 'Internal server error'),
      unavailable: () => retailFailure(503, 'SERVICE_UNAVAILABLE', 'Service unavailable'),
    });
    const ctx: RetailContext = {
      state: this.state,
      apiKey: this.apiKey,
      isLegacy: () => this.legacy,
      baseUrl: () => this.baseUrl,
    };
    registerRetailReadRoutes(this.server, ctx);
    registerRetailAccountRoutes(this.server, ctx);
    registerRetailSubscriptionRoutes(this.server, ctx);
    registerRetailTokenRoutes(this.server, ctx);
    registerRetailPageRoutes(this.server, ctx);
  }

  /** Where the simulator listens; links made before listen() point at a placeholder host. */
  get baseUrl(): string {
    return this.url ?? 'http://retail-simulator.invalid';
  }

  async listen(port?: number): Promise<string> {
    this.url = await this.server.listen(port);
    return this.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
