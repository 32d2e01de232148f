import { afterEach, describe, expect, it } from 'vitest';
import { EventHub, ResumeError, type Delivery, type EventHubOptions, type SubscribeOptions } from '../../src/events/hub.ts';
import { MemoryEventLog, type EventStream, type GatewayEvent, type LoggedEvent } from '../../src/events/log.ts';

/** EventHub over MemoryEventLog: ordering, replay, filters, the bounded queue and closing. */

const hubs: EventHub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

function openHub(options: EventHubOptions = {}, log = new MemoryEventLog()): EventHub {
  const hub = new EventHub(log, options);
  hubs.push(hub);
  return hub;
}

const event = (id: string, stream: EventStream = 'account', data: unknown = { id }): GatewayEvent => ({ id, stream, type: 'ACCOUNT.UPDATED', createdAt: '2026-11-21T10:00:00.000Z', data });

async function publishAll(hub: EventHub, ids: string[], stream: EventStream = 'account'): Promise<void> {
  for (const id of ids) await hub.publish(event(id, stream));
}

const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${from + i}`);

const all = (): Pick<SubscribeOptions, 'accept'> => ({ accept: () => true });

/** Pulls `count` deliveries; fails on an overflow or an early end. */
async function take(iterator: AsyncIterator<Delivery>, count: number): Promise<string[]> {
  const taken: string[] = [];
  while (taken.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`ended after ${taken.join(', ')}`);
    if (next.value.kind !== 'event') throw new Error(`overflow after ${taken.join(', ')}`);
    taken.push(next.value.event.id);
  }
  return taken;
}

/** Resolves with the iterator's next result, or 'pending' when none comes within a few turns of the event loop. */
async function settled<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20))]);
}

describe('live delivery', () => {
  it('delivers published events in order, to a waiting iterator and from the queue alike', async () => {
    const hub = openHub();
    const sub = await hub.subscribe({ stream: 'account', ...all() });
    const waiting = sub.next();
    await publishAll(hub, ids('e', 1, 4));
    expect(await waiting).toMatchObject({ done: false, value: { kind: 'event', event: { id: 'e-1', stream: 'account' } } });
    expect(await take(sub, 3)).toEqual(['e-2', 'e-3', 'e-4']);
    expect(await settled(sub.next())).toBe('pending');
  });

  it("offers a routed subscriber its own key's events only, counts it, and lets it go when it ends", async () => {
    const hub = openHub();
    const route = { of: (e: LoggedEvent) => (e.data as { id: string }).id, key: 'e-2' };
    const routed = await hub.subscribe({ stream: 'account', accept: () => true, route });
    const other = await hub.subscribe({ stream: 'account', accept: () => true, route: { ...route, key: 'e-3' } });
    const everyone = await hub.subscribe({ stream: 'account', ...all() });
    expect(hub.size).toBe(3);
    await publishAll(hub, ids('e', 1, 4));
    expect(await take(routed, 1)).toEqual(['e-2']);
    expect(await settled(routed.next())).toBe('pending');
    expect(await take(other, 1)).toEqual(['e-3']);
    expect(await take(everyone, 4)).toEqual(ids('e', 1, 4));
    await routed.return?.();
    expect(hub.size).toBe(2);
    const again = await hub.subscribe({ stream: 'account', accept: () => true, route });
    await hub.publish(event('e-5', 'account', { id: 'e-2' }));
    expect(await take(again, 1)).toEqual(['e-5']);
  });

  it('gives every subscriber its own copy of the stream', async () => {
    const hub = openHub();
    const [a, b] = await Promise.all([hub.subscribe({ stream: 'account', ...all() }), hub.subscribe({ stream: 'account', ...all() })]);
    expect(hub.size).toBe(2);
    await publishAll(hub, ids('e', 1, 3));
    expect(await take(a, 3)).toEqual(['e-1', 'e-2', 'e-3']);
    expect(await take(b, 3)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('starts live-only subscribers at the present: earlier events are not replayed', async () => {
    const hub = openHub();
    await publishAll(hub, ids('old', 1, 3));
    const sub = await hub.subscribe({ stream: 'account', ...all() });
    await publishAll(hub, ['new-1']);
    expect(await take(sub, 1)).toEqual(['new-1']);
  });
});

describe('replay after an event id', () => {
  it('replays the log after the id page by page, then continues live, none twice', async () => {
    const hub = openHub({ replayPage: 2 });
    await publishAll(hub, ids('e', 1, 7));
    const sub = await hub.subscribe({ stream: 'account', after: 'e-2', ...all() });
    await publishAll(hub, ['e-8']);
    expect(await take(sub, 6)).toEqual(ids('e', 3, 8));
    await publishAll(hub, ['e-9']);
    expect(await take(sub, 1)).toEqual(['e-9']);
    expect(await settled(sub.next())).toBe('pending');
  });

  it('has no gap and no duplicate while events are appended during the replay, between and inside page reads', async () => {
    // Appends land while a page read is in flight (before and after the log answers) and between pulls.
    const log = new AppendingDuringReads();
    const hub = openHub({ replayPage: 3 }, log);
    await publishAll(hub, ids('e', 1, 20));
    let next = 21;
    log.duringRead = async () => {
      if (next <= 60) await hub.publish(event(`e-${next++}`));
    };
    const sub = await hub.subscribe({ stream: 'account', after: 'e-5', ...all() });
    const received: string[] = [];
    while (received.length < 60 - 5) {
      received.push(...(await take(sub, 1)));
      if (next <= 60) await hub.publish(event(`e-${next++}`));
    }
    expect(log.reads).toBeGreaterThan(5);
    expect(received).toEqual(ids('e', 6, 60));
    log.duringRead = undefined;
    await publishAll(hub, ['e-61']);
    expect(await take(sub, 1)).toEqual(['e-61']);
    expect(await settled(sub.next())).toBe('pending');
  });

  it('keeps a replaying subscriber that keeps up: live events it already got from the log do not count against its queue', async () => {
    const hub = openHub({ replayPage: 2, queueLimit: 3 });
    await publishAll(hub, ids('e', 1, 4));
    const sub = await hub.subscribe({ stream: 'account', after: 'e-1', ...all() });
    const received: string[] = [];
    // Each pull is followed by one append: the subscriber is never more than two events behind.
    for (let n = 5; n <= 16; n++) {
      received.push(...(await take(sub, 1)));
      await hub.publish(event(`e-${n}`));
    }
    received.push(...(await take(sub, 16 - 1 - received.length)));
    expect(received).toEqual(ids('e', 2, 16));
    expect(hub.size).toBe(1);
  });

  it('refuses an unknown id, and one the log no longer holds, with ResumeError', async () => {
    const hub = openHub({}, new MemoryEventLog({ capacity: 3 }));
    await publishAll(hub, ids('e', 1, 5));
    await expect(hub.subscribe({ stream: 'account', after: 'never-sent', ...all() })).rejects.toBeInstanceOf(ResumeError);
    await expect(hub.subscribe({ stream: 'account', after: 'e-1', ...all() })).rejects.toThrow(/e-1/);
    expect(hub.size).toBe(0);
    const sub = await hub.subscribe({ stream: 'account', after: 'e-3', ...all() });
    expect(await take(sub, 2)).toEqual(['e-4', 'e-5']);
  });

  it('refuses an id of an event the caller may not see, or of another stream, exactly like an unknown one', async () => {
    const hub = openHub();
    await publishAll(hub, ['mine-1', 'theirs-1', 'mine-2']);
    await publishAll(hub, ['feed-1'], 'market-data');
    const visible = (e: LoggedEvent) => e.id.startsWith('mine');
    const refusal = (after: string) => hub.subscribe({ stream: 'account', after, visible, ...all() }).then(
      () => 'accepted',
      (error: Error) => `${error.name}: ${error.message.replace(after, '<id>')}`,
    );
    const unknown = await refusal('never-1');
    expect(unknown).toMatch(/^ResumeError: /);
    expect([await refusal('theirs-1'), await refusal('feed-1')]).toEqual([unknown, unknown]);
    expect(hub.size).toBe(0);
    // `visible` decides the resume point only; what is delivered is `accept`'s.
    const sub = await hub.subscribe({ stream: 'account', after: 'mine-1', visible, ...all() });
    expect(await take(sub, 2)).toEqual(['theirs-1', 'mine-2']);
  });
});

describe('ending a subscription', () => {
  it('return() ends a waiting iterator at once and unregisters it', async () => {
    const hub = openHub();
    const sub = await hub.subscribe({ stream: 'account', ...all() });
    const waiting = sub.next();
    expect(await settled(waiting)).toBe('pending');
    expect(await sub.return!()).toEqual({ done: true, value: undefined });
    expect(await settled(waiting)).toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
    await publishAll(hub, ['e-1']);
    expect(await sub.next()).toEqual({ done: true, value: undefined });
  });

  it('return() during a replay ends it: nothing more is delivered', async () => {
    const hub = openHub({ replayPage: 2 });
    await publishAll(hub, ids('e', 1, 6));
    const sub = await hub.subscribe({ stream: 'account', after: 'e-1', ...all() });
    expect(await take(sub, 1)).toEqual(['e-2']);
    await sub.return!();
    expect(await sub.next()).toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
  });

  it('close() ends every subscriber, waiting or not, and stops reading the log', async () => {
    const hub = openHub();
    await publishAll(hub, ['e-1']);
    const waiting = await hub.subscribe({ stream: 'account', ...all() });
    const queued = await hub.subscribe({ stream: 'account', ...all() });
    const replaying = await hub.subscribe({ stream: 'account', after: 'e-1', ...all() });
    const pending = waiting.next();
    await publishAll(hub, []);
    expect(hub.size).toBe(3);
    hub.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(await queued.next()).toEqual({ done: true, value: undefined });
    expect(await replaying.next()).toEqual({ done: true, value: undefined });
    expect(hub.size).toBe(0);
    await hub.publish(event('e-2'));
    expect(await waiting.next()).toEqual({ done: true, value: undefined });
    await expect(hub.subscribe({ stream: 'account', ...all() })).rejects.toThrow(/closed/);
    expect(hub.size).toBe(0);
  });
});

describe('filters', () => {
  it('delivers only its stream and what `accept` lets through, live and while replaying', async () => {
    const hub = openHub({ replayPage: 2 });
    const accept = (e: LoggedEvent) => (e.data as { keep?: boolean }).keep === true;
    const publish = (id: string, stream: EventStream, keep: boolean) => hub.publish(event(id, stream, { keep }));
    await publish('anchor', 'account', false);
    await publish('r-1', 'account', true);
    await publish('r-2', 'account', false);
    await publish('r-3', 'market-data', true);
    await publish('r-4', 'account', true);
    const replaying = await hub.subscribe({ stream: 'account', after: 'anchor', accept });
    const live = await hub.subscribe({ stream: 'account', accept });
    const md = await hub.subscribe({ stream: 'market-data', accept: () => true });
    await publish('l-1', 'client', true);
    await publish('l-2', 'account', false);
    await publish('l-3', 'account', true);
    await publish('l-4', 'market-data', false);
    expect(await take(replaying, 3)).toEqual(['r-1', 'r-4', 'l-3']);
    expect(await take(live, 1)).toEqual(['l-3']);
    expect(await take(md, 1)).toEqual(['l-4']);
    for (const sub of [replaying, live, md]) expect(await settled(sub.next())).toBe('pending');
  });

  it('resumes after an event of its stream whatever the filter says of that event', async () => {
    const hub = openHub();
    await publishAll(hub, ['skipped', 'kept-1']);
    const sub = await hub.subscribe({ stream: 'account', after: 'skipped', accept: (e) => e.id.startsWith('kept') });
    expect(await take(sub, 1)).toEqual(['kept-1']);
  });
});

describe('overflow: a subscriber that does not pull', () => {
  it('gets, after queueLimit + 1 matching events, one overflow notice and then done; unmatched events do not count', async () => {
    const hub = openHub({ queueLimit: 3 });
    const sub = await hub.subscribe({ stream: 'account', accept: (e) => e.id.startsWith('match') });
    await publishAll(hub, ['match-1', 'other-1', 'match-2', 'match-3']);
    await publishAll(hub, ['market-1'], 'market-data');
    expect(hub.size).toBe(1);
    await publishAll(hub, ['match-4']);
    expect(hub.size).toBe(0);
    await publishAll(hub, ['match-5']);
    expect(await sub.next()).toEqual({ done: false, value: { kind: 'overflow', lastDeliveredId: undefined, limit: 3 } });
    expect(await sub.next()).toEqual({ done: true, value: undefined });
    expect(await sub.next()).toEqual({ done: true, value: undefined });
  });

  it('names the last delivered event; resuming after it gets every later event, the dropped ones included', async () => {
    const hub = openHub({ queueLimit: 3 });
    const sub = await hub.subscribe({ stream: 'account', ...all() });
    await publishAll(hub, ids('e', 1, 2));
    expect(await take(sub, 2)).toEqual(['e-1', 'e-2']);
    await publishAll(hub, ids('e', 3, 7));
    expect(hub.size).toBe(0);
    const notice = await sub.next();
    expect(notice.value).toEqual({ kind: 'overflow', lastDeliveredId: 'e-2', limit: 3 });
    expect((await sub.next()).done).toBe(true);
    await publishAll(hub, ids('e', 8, 9));
    const resumed = await hub.subscribe({ stream: 'account', after: 'e-2', ...all() });
    expect(await take(resumed, 7)).toEqual(ids('e', 3, 9));
    expect(await settled(resumed.next())).toBe('pending');
  });

  it('names its `after` when it overflows before anything was delivered', async () => {
    const hub = openHub({ queueLimit: 2 });
    await publishAll(hub, ['start']);
    const sub = await hub.subscribe({ stream: 'account', after: 'start', ...all() });
    await publishAll(hub, ids('e', 1, 3));
    expect(hub.size).toBe(0);
    expect((await sub.next()).value).toEqual({ kind: 'overflow', lastDeliveredId: 'start', limit: 2 });
    expect((await sub.next()).done).toBe(true);
    const resumed = await hub.subscribe({ stream: 'account', after: 'start', ...all() });
    expect(await take(resumed, 3)).toEqual(ids('e', 1, 3));
  });

  it('does not close a subscriber that keeps its queue at the limit', async () => {
    const hub = openHub({ queueLimit: 3 });
    const sub = await hub.subscribe({ stream: 'account', ...all() });
    await publishAll(hub, ids('e', 1, 3));
    expect(await take(sub, 1)).toEqual(['e-1']);
    await publishAll(hub, ['e-4']);
    expect(hub.size).toBe(1);
    expect(await take(sub, 3)).toEqual(['e-2', 'e-3', 'e-4']);
  });
});

/** A MemoryEventLog whose page reads let `duringRead` append before and after the log answers. */
class AppendingDuringReads extends MemoryEventLog {
  duringRead: (() => Promise<void>) | undefined;
  reads = 0;

  override async readAfter(position: string, limit: number): Promise<LoggedEvent[]> {
    this.reads += 1;
    await this.duringRead?.();
    const page = await super.readAfter(position, limit);
    await this.duringRead?.();
    return page;
  }
}
