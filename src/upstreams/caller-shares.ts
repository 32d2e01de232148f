import { bulkhead, BulkheadRejectedError, type BulkheadPolicy, type IDefaultPolicyContext } from 'cockatiel';

/** A call refused because its caller already has its share of the pool in use and its own line full. */
export class CallerLineFull extends Error {
  override readonly name = 'CallerLineFull';
}

interface Share {
  bulkhead: BulkheadPolicy;
  /** Calls inside `bulkhead` (in flight, in its line, or between the two): the share is dropped at 0. */
  calls: number;
}

/**
 * Each caller's share of one upstream's pool: at most `slots` of its calls in the pool (in flight or
 * in its queue) at a time, its further calls waiting in a line of their own, of at most `queued`; past
 * that they are refused at once (cockatiel's BulkheadRejectedError). So one caller cannot fill the
 * pool and the queue every caller shares. A cockatiel bulkhead per caller, dropped once it holds no call.
 * A full line is a `CallerLineFull`; the pool's own refusal passes through as cockatiel's.
 */
export class CallerShares {
  private readonly slots: number;
  private readonly queued: number;
  private readonly byCaller = new Map<string, Share>();

  constructor(slots: number, queued: number) {
    this.slots = slots;
    this.queued = queued;
  }

  async execute<T>(caller: string, call: (context: IDefaultPolicyContext) => Promise<T>, signal: AbortSignal): Promise<T> {
    let share = this.byCaller.get(caller);
    if (!share) {
      share = { bulkhead: bulkhead(this.slots, this.queued), calls: 0 };
      this.byCaller.set(caller, share);
    }
    share.calls++;
    let admitted = false;
    try {
      return await share.bulkhead.execute((context) => {
        admitted = true;
        return call(context);
      }, signal);
    } catch (error) {
      throw error instanceof BulkheadRejectedError && !admitted ? new CallerLineFull('caller line full') : error;
    } finally {
      if (--share.calls === 0) this.byCaller.delete(caller);
    }
  }
}
