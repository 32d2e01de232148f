/**
 * The event log in a Redis Stream shared by every gateway instance (used when `REDIS_URL` is set): one
 * Lua script appends and de-duplicates atomically, and each instance follows the stream on a dedicated
 * blocking connection, so an event appended anywhere reaches every instance's subscribers once.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { comparePositions, idDigest, type AppendResult, type EventLog, type EventStream, type GatewayEvent, type LoggedEvent } from './log.ts';

/** Opens one ioredis connection; spread `options` over your own, they are what the log needs of it. */
export type RedisConnector = (options: RedisOptions) => Redis;

export interface RedisEventLogOptions {
  /**
   * Prefix of every key the log uses: `<prefix>events`, and per stream `<prefix>webhook-id:<stream>:<sha256>`,
   * `<prefix>event-id:<stream>:<sha256>` (digests, so that no outside text becomes a key). @default 'gateway:'
   */
  prefix?: string;
  /** Events kept in the stream, trimmed approximately (`MAXLEN ~`), whole nodes at a time. @default 100_000 */
  capacity?: number;
  /** How long webhook ids and event ids are remembered for de-duplication and `find`. @default 604_800 (7 days) */
  retentionSeconds?: number;
}

/** Longest XREAD BLOCK; a live server answers within it, so a silent socket is a dead one. */
const blockMs = 5_000;
/** Entries taken per XREAD. */
const readBatch = 100;
const streams: ReadonlySet<string> = new Set<EventStream>(['account', 'market-data', 'client']);

/**
 * Earlier gateways keyed ids without their stream (`<prefix>webhook:<id>`, `<prefix>event:<id>`). Until
 * those keys expire (the retention after the last such instance stopped), an event they name still
 * counts, for de-duplication and `after`, in the stream its entry says: a rolling upgrade neither logs a
 * retried webhook twice nor refuses to resume after an event an old instance logged. Nothing writes them.
 * They are looked up only for ids of this alphabet (Standard Webhooks message ids, uuids, upstream ids,
 * the gateway's own `deposit:<clearing>/<account>/<id>`), so that no other caller text becomes a key name.
 */
const legacyId = /^[A-Za-z0-9._:/-]{1,256}$/;

/** Lua shared by the scripts: KEYS[1] is the stream. */
const entries = `
local function entryAt(position)
  return redis.call('XRANGE', KEYS[1], position, position)[1]
end
local function legacyEntry(key, stream)
  if key == '' then return false end
  local position = redis.call('GET', key)
  if not position then return false end
  local entry = entryAt(position)
  if not entry then return false end
  local fields = entry[2]
  for i = 1, #fields - 1, 2 do
    if fields[i] == 'stream' then return fields[i + 1] == stream and entry end
  end
  return false
end
`;

/**
 * KEYS: stream, webhook-id key, event-id key, legacy webhook-id key, legacy event-id key ('' for none).
 * ARGV: capacity, retention seconds, the event's stream, field, value, ...
 * Answers `{position, 1}` for a duplicate, `{position, 0}` for a new entry.
 */
const appendScript = `${entries}
local known = redis.call('GET', KEYS[2]) or redis.call('GET', KEYS[3])
if not known then
  local entry = legacyEntry(KEYS[4], ARGV[3]) or legacyEntry(KEYS[5], ARGV[3])
  if entry then known = entry[1] end
end
if known then return {known, 1} end
local xadd = {'XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*'}
for i = 4, #ARGV do xadd[#xadd + 1] = ARGV[i] end
local position = redis.call(unpack(xadd))
redis.call('SET', KEYS[2], position, 'EX', ARGV[2])
redis.call('SET', KEYS[3], position, 'EX', ARGV[2])
return {position, 0}
`;

/**
 * KEYS: stream, event-id key, legacy event-id key ('' for none). ARGV: the stream's name.
 * Answers the entry `[position, fields]`, or nil when the stream holds no such event (any more).
 */
const findScript = `${entries}
local position = redis.call('GET', KEYS[2])
if position then return entryAt(position) end
return legacyEntry(KEYS[3], ARGV[1])
`;

interface CommandConnection extends Redis {
  gatewayAppendEvent(...args: (string | number)[]): Promise<[string, number]>;
  gatewayFindEvent(...args: string[]): Promise<[string, string[]] | null>;
}

const log = (message: string) => console.error(`[gateway] redis event log: ${message}`);

/** `[id, [field, value, ...]]` from XRANGE/XREAD as an event, or a reason it is not one. */
function parseEntry(position: string, fields: string[]): LoggedEvent | string {
  const record = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) record.set(fields[i] as string, fields[i + 1] as string);
  const [id, stream, type, createdAt, data] = ['id', 'stream', 'type', 'createdAt', 'data'].map((f) => record.get(f));
  if (id === undefined || type === undefined || createdAt === undefined || data === undefined) return 'a field is missing';
  if (stream === undefined || !streams.has(stream)) return `unknown stream ${JSON.stringify(stream)}`;
  try {
    return { id, stream: stream as EventStream, type, createdAt, data: JSON.parse(data), position };
  } catch {
    return 'data is not JSON';
  }
}

/**
 * The shared log, on two connections: one for commands, one for the blocking XREAD that feeds `tail`.
 * The constructor connects and starts following the stream from its head at that moment; there is no
 * `open()`. `ready()` resolves once that head is read and rejects if Redis could not be reached for it;
 * await it at start-up. Events appended by any instance after that head reach the listeners; so do the
 * appends made through this instance after construction, even before `ready()` resolves. A listener hears
 * what is appended after it came (here, or delivered from elsewhere after that moment), as with
 * `MemoryEventLog`.
 */
export class RedisEventLog implements EventLog {
  private readonly commands: CommandConnection;
  private readonly blocking: Redis;
  private readonly streamKey: string;
  private readonly prefix: string;
  private readonly capacity: number;
  private readonly retentionSeconds: number;
  /** Each listener with the newest position this instance knew when it came: it hears only what follows. */
  private readonly listeners = new Map<(event: LoggedEvent) => void, string>();
  /** The newest position this instance appended or delivered. */
  private newest = '0-0';
  private readonly started: Promise<void>;
  private readonly following: Promise<void>;
  private closed = false;
  /** Ends the loop's current wait when `close` is called: while reconnecting, ioredis may never settle a read. */
  private interrupt: (() => void) | undefined;

  constructor(redis: string | RedisConnector, options: RedisEventLogOptions = {}) {
    this.prefix = options.prefix ?? 'gateway:';
    this.capacity = options.capacity ?? 100_000;
    this.retentionSeconds = options.retentionSeconds ?? 7 * 24 * 60 * 60;
    this.streamKey = `${this.prefix}events`;
    const connect: RedisConnector = typeof redis === 'string' ? (o) => new Redis(redis, o) : redis;
    // Appends fail within seconds while Redis is away, so that the webhook is answered 503 and retried.
    this.commands = connect({ maxRetriesPerRequest: 2, commandTimeout: 5_000 }) as CommandConnection;
    // The follower waits out outages; its unanswered XREAD is resent on reconnect with the same last id.
    this.blocking = connect({ maxRetriesPerRequest: null, autoResendUnfulfilledCommands: true, socketTimeout: blockMs * 3 });
    this.commands.defineCommand('gatewayAppendEvent', { lua: appendScript, numberOfKeys: 5 });
    this.commands.defineCommand('gatewayFindEvent', { lua: findScript, numberOfKeys: 3 });
    this.watch(this.commands, 'command');
    this.watch(this.blocking, 'blocking');
    let settle!: (error?: unknown) => void;
    this.started = new Promise<void>((resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))));
    this.started.catch(() => {});
    // Runs synchronously up to the head read, so it is queued before any append made after construction.
    this.following = this.follow(settle);
  }

  /** Resolves once the tail's starting point is read; rejects when Redis could not be reached for it. */
  ready(): Promise<void> {
    return this.started;
  }

  async append(event: GatewayEvent, dedupeKey: string): Promise<AppendResult> {
    const fields = ['id', event.id, 'stream', event.stream, 'type', event.type, 'createdAt', event.createdAt, 'data', JSON.stringify(event.data) ?? 'null'];
    const [position, duplicate] = await this.commands.gatewayAppendEvent(
      this.streamKey,
      this.idKey('webhook-id', event.stream, dedupeKey),
      this.idKey('event-id', event.stream, event.id),
      this.legacyKey('webhook', dedupeKey),
      this.legacyKey('event', event.id),
      this.capacity,
      this.retentionSeconds,
      event.stream,
      ...fields,
    );
    if (comparePositions(position, this.newest) > 0) this.newest = position;
    return { position, duplicate: duplicate === 1 };
  }

  /** Only an event the stream still holds: replaying from a trimmed position would skip what was trimmed after it without a word. */
  async find(stream: EventStream, id: string): Promise<LoggedEvent | undefined> {
    const entry = await this.commands.gatewayFindEvent(this.streamKey, this.idKey('event-id', stream, id), this.legacyKey('event', id), stream);
    if (!entry) return undefined;
    const event = parseEntry(entry[0], entry[1]);
    return typeof event === 'string' ? undefined : event;
  }

  async readAfter(position: string, limit: number): Promise<LoggedEvent[]> {
    if (limit <= 0) return [];
    const entries = await this.commands.xrange(this.streamKey, `(${position}`, '+', 'COUNT', limit);
    return this.parse(entries);
  }

  async head(): Promise<string> {
    const [newest] = await this.commands.xrevrange(this.streamKey, '+', '-', 'COUNT', 1);
    return newest?.[0] ?? '0-0';
  }

  tail(listener: (event: LoggedEvent) => void): () => void {
    this.listeners.set(listener, this.newest);
    return () => this.listeners.delete(listener);
  }

  private idKey(kind: 'webhook-id' | 'event-id', stream: EventStream, id: string): string {
    return `${this.prefix}${kind}:${stream}:${idDigest(id)}`;
  }

  /** An earlier gateway's key (see `legacyId`), for an id of the safe alphabet only; '' for none. */
  private legacyKey(kind: 'webhook' | 'event', id: string): string {
    return legacyId.test(id) ? `${this.prefix}${kind}:${id}` : '';
  }

  /** Stops following, then quits the command connection once its pending replies are in. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.interrupt?.();
    await this.following;
    // QUIT would queue behind the blocking XREAD; and while reconnecting, ioredis never settles it.
    this.blocking.disconnect();
    if (this.commands.status === 'ready') await this.commands.quit().catch(() => this.commands.disconnect());
    else this.commands.disconnect();
  }

  private async follow(settle: (error?: unknown) => void): Promise<void> {
    let last: string | undefined;
    let failures = 0;
    while (!this.closed) {
      try {
        if (last === undefined) {
          last = await this.unlessClosed(this.head());
          if (last === undefined) break;
          settle();
        }
        const reply = await this.unlessClosed(this.blocking.xread('COUNT', readBatch, 'BLOCK', blockMs, 'STREAMS', this.streamKey, last));
        if (this.closed) break;
        failures = 0;
        for (const [, entries] of reply ?? []) {
          for (const [position, fields] of entries) {
            last = position;
            const event = parseEntry(position, fields);
            if (typeof event === 'string') log(`skipped entry ${position}: ${event}`);
            else this.deliver(event);
          }
        }
      } catch (error) {
        if (this.closed) break;
        if (last === undefined) settle(error);
        if (failures++ === 0) log(`following the stream failed, retrying: ${(error as Error).message}`);
        await this.pause(Math.min(100 * 2 ** failures, 5_000));
      }
    }
    settle(new Error('the event log was closed before it was ready'));
  }

  private deliver(event: LoggedEvent): void {
    if (comparePositions(event.position, this.newest) > 0) this.newest = event.position;
    for (const [listener, after] of [...this.listeners]) {
      // An event this instance appended before the listener came is not news to it.
      if (comparePositions(event.position, after) <= 0) continue;
      // A listener that throws must not stop the others, nor the loop.
      try {
        listener(event);
      } catch (error) {
        log(`a listener failed on ${event.position}: ${(error as Error).message}`);
      }
    }
  }

  private parse(entries: [string, string[]][]): LoggedEvent[] {
    const events: LoggedEvent[] = [];
    for (const [position, fields] of entries) {
      const event = parseEntry(position, fields);
      if (typeof event === 'string') log(`skipped entry ${position}: ${event}`);
      else events.push(event);
    }
    return events;
  }

  /** The reply, or undefined as soon as the log is closed. One wait at a time: the loop is sequential. */
  private unlessClosed<T>(reply: Promise<T>): Promise<T | undefined> {
    reply.catch(() => {}); // after close no one waits for it
    if (this.closed) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      this.interrupt = () => resolve(undefined); // left in place once settled: calling it then does nothing
      reply.then(resolve, reject);
    });
  }

  private async pause(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await this.unlessClosed(new Promise((resolve) => (timer = setTimeout(resolve, ms))));
    clearTimeout(timer);
  }

  /** Logs an outage once and its end, never the URL (it may hold the password). */
  private watch(connection: Redis, role: string): void {
    let down = false;
    connection.on('error', (error: Error) => {
      if (down || this.closed) return;
      down = true;
      log(`${role} connection lost: ${error.message}`);
    });
    connection.on('ready', () => {
      if (!down) return;
      down = false;
      log(`${role} connection back`);
    });
  }
}
