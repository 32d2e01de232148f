import type { WebSocket, WebSocketServer } from 'ws';
import type { ConnectionLimits } from './connections.ts';

export type SocketLifetimeLimits = Pick<ConnectionLimits, 'wsPingIntervalMs' | 'wsIdleMs' | 'wsAnonymousIdleMs' | 'wsAnonymousPerAddress'>;

/** An idle socket has served its purpose (1000): graphql-ws clients open a new one for their next operation. */
const idleClose = { code: 1000, reason: 'Idle timeout' };
/** RFC 6455's "try again later", for an anonymous socket one too many for its address. */
const tooManyAnonymous = { code: 1013, reason: 'Too many anonymous sockets from this address' };

interface Life {
  anonymous: boolean;
  address: string;
  /** When an operation last started or ended. */
  lastUsed: number;
  /** True while an operation (a subscription included) runs on the socket. */
  busy: () => boolean;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * How long graphql-ws sockets live, so that none is held open for nothing: each is pinged every
 * `wsPingIntervalMs` and dropped when it did not answer the previous ping (a dead peer); once
 * acknowledged, it is closed after `wsIdleMs` with no operation running, an anonymous one after
 * `wsAnonymousIdleMs`, and an address holds at most `wsAnonymousPerAddress` anonymous ones. Before
 * `connection_init` graphql-ws itself closes a socket after 3 s.
 */
export class SocketLifetimes {
  private readonly limits: SocketLifetimeLimits;
  private readonly lives = new WeakMap<WebSocket, Life>();
  private readonly anonymousPerAddress = new Map<string, number>();
  private readonly unanswered = new WeakSet<WebSocket>();
  private readonly pings: ReturnType<typeof setInterval>;

  constructor(limits: SocketLifetimeLimits, wss: WebSocketServer) {
    this.limits = limits;
    wss.on('connection', (socket) => socket.on('pong', () => this.unanswered.delete(socket)));
    this.pings = setInterval(() => this.ping(wss), limits.wsPingIntervalMs).unref();
  }

  /**
   * At `connection_init`, once the caller is known: starts the socket's idle clock, or, for an
   * anonymous socket over its address's cap, closes it with 1013 and answers false.
   */
  admit(socket: WebSocket, address: string, anonymous: boolean, busy: () => boolean): boolean {
    if (anonymous) {
      const open = this.anonymousPerAddress.get(address) ?? 0;
      if (open >= this.limits.wsAnonymousPerAddress) {
        socket.close(tooManyAnonymous.code, tooManyAnonymous.reason);
        return false;
      }
      this.anonymousPerAddress.set(address, open + 1);
    }
    const life: Life = { anonymous, address, lastUsed: Date.now(), busy };
    this.lives.set(socket, life);
    socket.once('close', () => this.ended(life));
    this.watch(socket, life, this.idleLimit(life));
    return true;
  }

  /** An operation started or ended on the socket: its idle time starts again. */
  used(socket: WebSocket): void {
    const life = this.lives.get(socket);
    if (life) life.lastUsed = Date.now();
  }

  stop(): void {
    clearInterval(this.pings);
  }

  private idleLimit(life: Life): number {
    return life.anonymous ? this.limits.wsAnonymousIdleMs : this.limits.wsIdleMs;
  }

  private watch(socket: WebSocket, life: Life, afterMs: number): void {
    life.timer = setTimeout(() => {
      const idleFor = Date.now() - life.lastUsed;
      if (life.busy()) this.watch(socket, life, this.idleLimit(life));
      else if (idleFor >= this.idleLimit(life)) socket.close(idleClose.code, idleClose.reason);
      else this.watch(socket, life, this.idleLimit(life) - idleFor);
    }, afterMs).unref();
  }

  private ended(life: Life): void {
    clearTimeout(life.timer);
    if (!life.anonymous) return;
    const left = (this.anonymousPerAddress.get(life.address) ?? 1) - 1;
    if (left > 0) this.anonymousPerAddress.set(life.address, left);
    else this.anonymousPerAddress.delete(life.address);
  }

  private ping(wss: WebSocketServer): void {
    for (const socket of wss.clients) {
      if (this.unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      this.unanswered.add(socket);
      socket.ping();
    }
  }
}
