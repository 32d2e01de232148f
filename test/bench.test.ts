import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseBenchArgs } from '../bench/run.ts';
import { contractQueries } from '../bench/queries.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('npm run bench -- --quick measures every section end to end and writes the report', async () => {
  const out = join(dir, 'BENCHMARKS.md');
  // Gentle settings: this checks the bench works, not the gateway's capacity, and other test files run beside it.
  const args = ['--quick', '--concurrency', '2', '--subscribers', '20', '--load-seconds', '5', '--out', out];
  expect(parseBenchArgs(args)).toMatchObject({ quick: true, subscribers: [20], mixed: { subscribers: 20, accounts: 4 }, baseline: undefined, loadSeconds: 5, out, latencyMs: 5, abuseSeconds: 3, ordinaryRate: 20 });
  const child = spawn(process.execPath, ['bench/main.ts', ...args], { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code, output).toBe(0);

  const report = readFileSync(out, 'utf8');
  expect(report).toMatch(/^# Benchmarks/);
  expect(report).toContain(`npm run bench -- ${args.join(' ')}`);
  expect(report).toMatch(/\| machine \| .+, \d+ cores, \d+ GiB memory \|/);
  expect(report).toMatch(/\| Node \| v\d+\./);
  expect(report).toMatch(/\*\*Headline:\*\* gateway p50 latency \/ direct p50 latency: \d+\.\d\d× to \d+\.\d\d×/);
  for (const q of contractQueries) {
    // Latency table row: gateway p50, p99, direct p50, p99, ratios, throughputs, CPU.
    expect(report).toMatch(new RegExp(`\\| \`${q.name}\` \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| \\*\\*[\\d.]+×\\*\\* \\|`));
    // Calls and rounds row: the gateway reaches the minimum rounds in most runs (a loaded machine may stretch one run's scheduling gaps past the 5 ms latency).
    expect(report).toMatch(new RegExp(`\\| \`${q.name}\` \\| \\d+ \\| \\d+ \\| \\d+ \\| .+ \\| ${q.minimum.rounds}( \\(runs: [\\d, ]+\\))? \\| \\d+ \\| ${q.minimum.rounds} \\|`));
  }
  expect(report).toMatch(/\| 20 \| after \| 20 \| \d+ MB → \d+ MB \| -?[\d.]+ KiB \|/);
  // The mixed case: the subscribers over distinct accounts, each event to one account's.
  expect(report).toMatch(/\| 20 over 4 accounts \(mixed\) \| after \| 20 \| \d+ MB → \d+ MB \| -?[\d.]+ KiB \|/);
  expect(report).toMatch(/\| \*\*5 s\*\* \| \*\*\d+\*\* \|/);
  expect(report).toMatch(/- \d+ q\/s for 5 s: gateway memory \(RSS\) \d+ MB before \(heap \d+ MB\), \d+ MB after, \d+ MB after a full garbage collection \(heap \d+ MB\)/);
  // Abuse: each budget's worst admitted request, the next step refused with its code, the end user's p99 ratio and the memory.
  for (const [name, code] of [['largest cost', 'COST_LIMIT_EXCEEDED'], ['most upstream calls', 'UPSTREAM_CALL_BUDGET_EXCEEDED'], ['largest response', 'COST_LIMIT_EXCEEDED']]) {
    expect(report).toMatch(new RegExp(`\\| ${name} \\| .+ \\| .+: \\d{3} \`${code}\` \\| [\\d.]+ KiB \\| \\d+ \\| .+ \\| \\*\\*[\\d.]+×\\*\\* \\| \\d+ MB → \\d+ MB → \\d+ MB \\|`));
  }
  expect(report).toMatch(/\*\*(Beside each case the end user's p99 stayed within 2× its idle p99|The end user's p99 went past 2× its idle p99)\*\*/);
}, 120_000);
