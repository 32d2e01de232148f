import { SimServer } from '../http.ts';
import type { RetailSeed } from '../records.ts';
import { registerRetailReadRoutes, retailFailure, type RetailContext } from './routes.ts';
import { RetailState } from './state.ts';

export { RetailState, effectiveSubscription, isValidEmail, normalizeEmail } from './state.ts';
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
}

/** The Retail Services Platform (documents 001 and 002) as an HTTP server. */
export class RetailSimulator {
  readonly server: SimServer;
  readonly state: RetailState;
  /** Answer accounts as document 002 does; read on every request, so it may be flipped at run time. */
  legacy: boolean;
  private readonly apiKey: string;

  constructor(options: RetailSimulatorOptions) {
    this.state = new RetailState(options.seed);
    this.apiKey = options.apiKey;
    this.legacy = options.legacy ?? false;
    this.server = new SimServer('retail', {
      notFound: (req) => retailFailure(404, 'NOT_FOUND', `No route for ${req.method} ${req.path}`),
      internalError: () => retailFailure(500, 'INTERNAL_ERROR', 'Internal server error'),
    });
    const ctx: RetailContext = {
      state: this.state,
      apiKey: this.apiKey,
      isLegacy: () => this.legacy,
    };
    registerRetailReadRoutes(this.server, ctx);
  }

  listen(port?: number): Promise<string> {
    return this.server.listen(port);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
