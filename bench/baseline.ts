/**
 * `--baseline <commit>`: a second gateway from another commit, measured beside this checkout's in the
 * same run. The commit is checked out into a temporary git worktree that shares this checkout's
 * node_modules, and removed again afterwards.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './processes.ts';

export interface BaselineCheckout {
  /** The full commit id. */
  commit: string;
  /** Its first line, for the report. */
  subject: string;
  dir: string;
  remove(): void;
}

const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' }).trim();

export function checkoutBaseline(revision: string): BaselineCheckout {
  // `^{commit}` makes git refuse anything that is not a commit (an option-looking or unknown name included).
  const commit = git('rev-parse', '--verify', '--end-of-options', `${revision}^{commit}`);
  const subject = git('log', '-1', '--format=%s', commit).slice(0, 120);
  const dir = join(mkdtempSync(join(tmpdir(), 'bench-baseline-')), 'checkout');
  git('worktree', 'add', '--detach', dir, commit);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return {
    commit,
    subject,
    dir,
    remove: () => {
      git('worktree', 'remove', '--force', dir);
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}
