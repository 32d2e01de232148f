import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * Graceful shutdown of the HTTP side. `begin()` marks the server as draining (`/readyz` answers 503,
 * responses not yet started close their connection); `close(graceMs)` stops accepting connections,
 * lets the requests in progress finish, closes connections as they fall idle, and once `graceMs` is
 * over cuts whatever is still open. Requests are counted from their first byte to their response's
 * end, so an open SSE stream counts until it ends.
 */
export class HttpDrain {
  readonly #server: Server;
  readonly #responses = new Set<ServerResponse>();
  #draining = false;
  #closing = false;
  #settled: (() => void) | undefined;

  constructor(server: Server) {
    this.#server = server;
    server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => this.#track(res));
  }

  /** From `begin()` on: readiness is refused and every response asks the client to reconnect. */
  get draining(): boolean {
    return this.#draining;
  }

  /** From `close()` on: the listener is closed, and a request arriving on a kept-alive connection is refused. */
  get closing(): boolean {
    return this.#closing;
  }

  /** Requests being answered. */
  get inFlight(): number {
    return this.#responses.size;
  }

  begin(): void {
    if (this.#draining) return;
    this.#draining = true;
    for (const res of this.#responses) if (!res.headersSent) res.setHeader('connection', 'close');
  }

  /**
   * Stops accepting, waits for the requests in progress for at most `graceMs`, then cuts the remaining
   * connections; resolves once the server has closed, with the number of requests that were cut.
   * Upgraded (WebSocket) connections are not HTTP requests: their owner must close them within the grace.
   */
  async close(graceMs: number): Promise<number> {
    this.begin();
    this.#closing = true;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    const settled = new Promise<void>((resolve) => (this.#settled = resolve));
    if (this.#responses.size === 0) this.#settled?.();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([settled, graceOver]);
    this.#server.closeIdleConnections();
    await Promise.race([closed, graceOver]);
    clearTimeout(timer);
    const cut = this.#responses.size;
    this.#server.closeAllConnections();
    await closed;
    return cut;
  }

  #track(res: ServerResponse): void {
    this.#responses.add(res);
    if (this.#draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.#responses.delete(res);
      if (!this.#closing) return;
      // A kept-alive connection whose last response just ended is idle now: close it rather than wait.
      setImmediate(() => this.#server.closeIdleConnections());
      if (this.#responses.size === 0) this.#settled?.();
    });
  }
}
