/**
 * The bench's processes: the simulators and the gateway each run in a child of their own, so that
 * `/proc/<pid>` gives each one's CPU time and memory apart from the load generator (this process).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, fstatSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { UpstreamCall } from '../test/support/gateway.ts';
import type { SimulatorsAnswer, SimulatorsReady, SimulatorsRequest } from './simulators-child.ts';

export const root = new URL('..', import.meta.url).pathname;

/** CPU time (user + system) and resident memory of one process, from /proc. */
export interface ProcSample {
  cpuMs: number;
  rssMb: number;
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
  return { cpuMs: (ticks * 1000) / clockTicks, rssMb: rssKb / 1024 };
}

/** CPU time every process on the machine used (all cores), from /proc/stat; to tell our processes' load from others'. */
export function sampleMachine(): { busyMs: number } {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is everything but idle and iowait.
  const busy = (fields[0] ?? 0) + (fields[1] ?? 0) + (fields[2] ?? 0) + (fields[5] ?? 0) + (fields[6] ?? 0) + (fields[7] ?? 0);
  return { busyMs: (busy * 1000) / clockTicks };
}

/** The 1-minute load average. */
export const loadAverage = (): number => loadavg()[0] ?? Number.NaN;

/** This process's own CPU time, in the same terms. */
export function sampleSelf(): ProcSample {
  const { user, system } = process.cpuUsage();
  return { cpuMs: (user + system) / 1000, rssMb: process.memoryUsage.rss() / 1024 / 1024 };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  openFilesLimit: string;
}

export function describeMachine(): Machine {
  const osRelease = (() => {
    try {
      return /PRETTY_NAME="?([^"\n]+)"?/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'Linux';
    } catch {
      return process.platform;
    }
  })();
  const kernel = (() => {
    try {
      return readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
    } catch {
      return '';
    }
  })();
  const openFiles = (() => {
    try {
      return /Max open files\s+(\S+)\s+(\S+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.slice(1, 3).join(' soft, ') + ' hard';
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: totalmem() / 1024 ** 3,
    os: `${osRelease}${kernel ? `, kernel ${kernel}` : ''}`,
    node: process.version,
    openFilesLimit: openFiles,
  };
}

/** Keeps the last `limit` characters a child printed, for an error message. */
function tail(child: ChildProcess, limit = 20_000): () => string {
  let out = '';
  const keep = (chunk: Buffer) => {
    out = (out + String(chunk)).slice(-limit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => out;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Child environment without settings that would change what is measured. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const name of ['SIM_FAULTS', 'UPSTREAM_RESILIENCE', 'REDIS_URL', 'DXTRADEXT_MODE']) if (!(name in extra)) delete env[name];
  return env;
}

export interface SimulatorsProcess extends Omit<SimulatorsReady, 'type'> {
  pid: number;
  clearCalls(): Promise<void>;
  calls(): Promise<UpstreamCall[]>;
  stop(): Promise<void>;
}

/** Starts `simulators-child.ts` with `latencyMs` injected into every upstream call. */
export async function startSimulatorsProcess(latencyMs: number): Promise<SimulatorsProcess> {
  const child = spawn(process.execPath, [new URL('simulators-child.ts', import.meta.url).pathname], {
    cwd: root,
    env: childEnv({ BENCH_LATENCY_MS: String(latencyMs) }),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = tail(child);
  const ready = await new Promise<SimulatorsReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as SimulatorsReady));
    child.once('exit', (code) => reject(new Error(`simulators exited (${code}) before starting:\n${output()}`)));
  });
  let nextId = 0;
  const pending = new Map<number, (answer: SimulatorsAnswer) => void>();
  child.on('message', (m: SimulatorsAnswer) => pending.get(m.id)?.(m));
  const ask = (type: SimulatorsRequest['type']) =>
    new Promise<SimulatorsAnswer>((resolve) => {
      const id = ++nextId;
      pending.set(id, (answer) => {
        pending.delete(id);
        resolve(answer);
      });
      child.send({ id, type } satisfies SimulatorsRequest);
    });
  return {
    pid: child.pid!,
    env: ready.env,
    trader: ready.trader,
    notificationId: ready.notificationId,
    clearCalls: async () => void (await ask('clear')),
    calls: async () => (await ask('calls')).calls ?? [],
    stop: () => stopChild(child),
  };
}

/** A process's memory right after a full garbage collection, MB. */
export interface CollectedMemory {
  rssMb: number;
  /** Live JavaScript objects. */
  heapUsedMb: number;
  /** Memory outside the heap held by JavaScript objects (Buffers and the like). */
  externalMb: number;
}

/** The last `bytes` of a file. */
function readTail(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export interface GatewayProcess {
  pid: number;
  url: string;
  /** A full garbage collection in the gateway (`gc-on-signal.ts`), then its memory. */
  collectedMemory(): Promise<CollectedMemory>;
  output(): string;
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** The checkout whose `src/main.ts` runs (a baseline commit's worktree). @default this repository */
  cwd?: string;
  /** Writes a V8 CPU profile (`.cpuprofile`) of the whole process into this directory when it exits. */
  cpuProfileDir?: string | undefined;
}

/**
 * `node src/main.ts` (what `npm start` runs) with `env`; resolves once it prints its URL. Its output
 * goes to a file rather than a pipe: a write to a full pipe would block the gateway whenever this
 * process is busy generating load.
 */
export async function startGatewayProcess(env: Record<string, string>, options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const logFile = join(dir, 'gateway.log');
  const fd = openSync(logFile, 'w');
  const gcHook = new URL('gc-on-signal.ts', import.meta.url).pathname;
  const profile = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const child = spawn(process.execPath, ['--expose-gc', ...profile, '--import', gcHook, 'src/main.ts'], { cwd: options.cwd ?? root, env: childEnv(env), stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const output = () => {
    try {
      return readTail(logFile, 20_000);
    } catch {
      return '';
    }
  };
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url) {
    if (exited !== undefined || Date.now() > deadline) {
      const out = output();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`gateway ${exited !== undefined ? `exited (${exited})` : 'did not listen within 30 s'}:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
    url = /on (http:\/\/\S+)\/graphql/.exec(readFileSync(logFile, 'utf8').slice(0, 20_000))?.[1];
  }
  return {
    pid: child.pid!,
    url,
    collectedMemory: async () => {
      child.kill('SIGUSR2');
      // A full collection of a few hundred MB takes well under a second.
      await new Promise((r) => setTimeout(r, 1_000));
      const rssMb = sampleProcess(child.pid!).rssMb;
      const line = readTail(logFile, 64 * 1024).split('\n').findLast((l) => l.startsWith('{"benchMemory"'));
      const usage = line ? (JSON.parse(line) as { benchMemory: NodeJS.MemoryUsage }).benchMemory : undefined;
      const toMb = (bytes: number | undefined) => (bytes === undefined ? Number.NaN : bytes / 1024 / 1024);
      return { rssMb, heapUsedMb: toMb(usage?.heapUsed), externalMb: toMb(usage?.external) };
    },
    output,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU use in % of one core over a measured stretch: each of our processes, and everything else on the machine. */
export interface CpuShares {
  gateway: number;
  simulators: number;
  generator: number;
  /** Processes not started by the bench (other work on the machine). */
  others: number;
}

/** Measures the CPU our processes and the rest of the machine use while `work` runs. */
export async function withCpu<T>(pids: { gateway: number; simulators: number }, work: () => Promise<T>): Promise<{ result: T; cpu: CpuShares; ms: number }> {
  const before = { g: sampleProcess(pids.gateway), s: sampleProcess(pids.simulators), l: sampleSelf(), m: sampleMachine(), t: performance.now() };
  const result = await work();
  const ms = performance.now() - before.t;
  const g = sampleProcess(pids.gateway).cpuMs - before.g.cpuMs;
  const s = sampleProcess(pids.simulators).cpuMs - before.s.cpuMs;
  const l = sampleSelf().cpuMs - before.l.cpuMs;
  const m = sampleMachine().busyMs - before.m.busyMs;
  const pct = (v: number) => (v / ms) * 100;
  return { result, ms, cpu: { gateway: pct(g), simulators: pct(s), generator: pct(l), others: Math.max(0, pct(m - g - s - l)) } };
}
