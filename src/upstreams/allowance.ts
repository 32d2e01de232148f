import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one GraphQL operation (or one event of a subscription) may still spend on upstream calls, and
 * in whose name its calls draw on each upstream. Carried in AsyncLocalStorage, like the request id,
 * so that every upstream client sees it without being handed it.
 */
export class CallAllowance {
  /** Who the calls are for: a key digest, an end user or an address (`callerKeyOf`). */
  readonly caller: string;
  /** Calls the operation may make in all. */
  readonly calls: number;
  /** Whether the calls wait in the caller's share of each upstream's pool (caller-shares.ts). @default true */
  readonly shared: boolean;
  /** Waits until the caller may make one more call, false when it never may (a subscription's paced calls). */
  private readonly pace: (() => Promise<boolean>) | undefined;
  private made = 0;

  constructor(caller: string, calls: number, options: { shared?: boolean; pace?: () => Promise<boolean> } = {}) {
    this.caller = caller;
    this.calls = calls;
    this.shared = options.shared ?? true;
    this.pace = options.pace;
  }

  /** Counts one call, waiting for its pace if it has one; false once `calls` were made (or the pace says never): that call must not be sent. */
  async take(): Promise<boolean> {
    if (this.made >= this.calls) return false;
    this.made++;
    return this.pace ? this.pace() : true;
  }
}

const allowances = new AsyncLocalStorage<CallAllowance | undefined>();

/** The allowance of the operation being resolved, if any (webhook effects and start-up have none). */
export const currentAllowance = (): CallAllowance | undefined => allowances.getStore();

export const withAllowance = <T>(allowance: CallAllowance, run: () => T): T => allowances.run(allowance, run);

/** Runs calls the gateway makes for everyone (its dxCore service session) outside the operation that happened to need them. */
export const forTheGateway = <T>(run: () => T): T => allowances.run(undefined, run);
