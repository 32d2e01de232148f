import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  url: string;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server gracefully and starts it again on the same port with the same data. */
  restart(): Promise<void>;
}

const missing = 'redis-server is not on the PATH: install the Debian package redis-server (apt-get install redis-server)';

/**
 * A real redis-server on a free loopback port, for tests. No RDB snapshots; an append-only file in a temp
 * directory, so that `restart()` keeps the data as a production Redis with AOF does.
 */
export async function startRedis(): Promise<TestRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'gateway-redis-'));
  let port = 0;
  let server: ChildProcess | undefined;
  const launch = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir, '--daemonize', 'no'];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
    const exited = new Promise<never>((_, reject) => {
      child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error(missing) : error));
      child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${code ?? signal}) before answering PING:\n${output}`)));
    });
    exited.catch(() => {});
    await Promise.race([exited, answersPing(port, 10_000)]);
    server = child;
  };
  const halt = async () => {
    const child = server;
    server = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM'); // redis shuts down gracefully: the AOF is flushed before it exits
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  try {
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await launch();
        break;
      } catch (error) {
        // Another process may have taken the port between probing and binding it.
        if ((error as Error).message === missing || attempt >= 3) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // A test run that dies before stop() must not leave the server behind.
  const reap = () => server?.kill('SIGKILL');
  process.once('exit', reap);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      process.off('exit', reap);
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await halt();
      await launch();
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Resolves once the server answers PING with PONG, trying every 25 ms until `deadlineMs` passes. */
async function answersPing(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    if (await pingOnce(port)) return;
    if (Date.now() > until) throw new Error(`redis-server on port ${port} did not answer PING within ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      // -LOADING while the AOF is read back: not ready yet.
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
