import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layers the code keeps, checked on the imports of every source file (TypeScript's own reader finds them). */

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Each source file's relative imports (static, dynamic and type-only), as paths from the project root. */
const importsOf = (file: string): string[] =>
  ts
    .preProcessFile(readFileSync(join(root, file), 'utf8'), true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(root, dirname(file), name)));

const edges = sourceFiles('src').flatMap((file) => importsOf(file).map((to) => ({ from: file, to })));
const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);

describe('the layers', () => {
  it('reads the imports it judges', () => {
    expect(edges).toContainEqual({ from: 'src/main.ts', to: 'src/server.ts' });
  });

  it('no production module outside src/simulators/, src/main.ts and the demo wiring (src/demo.ts) imports the simulators', () => {
    const allowed = new Set(['src/main.ts', 'src/demo.ts']);
    const offending = edges.filter(({ from, to }) => under('src/simulators')(to) && !under('src/simulators')(from) && !allowed.has(from));
    expect(offending).toEqual([]);
  });

  it("the simulators import nothing of the gateway's but the readings and the setting parsers (not config.ts)", () => {
    const shared = ['src/readings.ts', 'src/setting-parsers.ts'];
    const offending = edges.filter(({ from, to }) => under('src/simulators')(from) && !under('src/simulators')(to) && !shared.includes(to));
    expect(offending).toEqual([]);
  });

  it('graph code never imports the simulators, and the upstream clients never import graph code', () => {
    const offending = edges.filter(({ from, to }) => (under('src/graph')(from) && under('src/simulators')(to)) || (under('src/upstreams')(from) && under('src/graph')(to)));
    expect(offending).toEqual([]);
  });
});

describe('the architecture page (docs/architecture.md)', () => {
  const page = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const exists = (path: string) => existsSync(join(root, path));

  it('names only files and folders that exist', () => {
    const named = [...page.matchAll(/`((?:src|test|docs|schema)\/[^`<>*\s]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((path) => !exists(path))).toEqual([]);
  });

  it('maps every folder of src/ (the simulators as one) and of test/, one line each', () => {
    const rows = [...page.matchAll(/^\| `([a-z-/]+\/)` \|/gm)].map((m) => m[1]!);
    const folders = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name !== 'generated')
        .flatMap((entry) => {
          const path = `${dir}/${entry.name}`;
          return path === 'src/simulators' ? [`${path}/`] : [`${path}/`, ...folders(path)];
        });
    expect(new Set(rows).size).toBe(rows.length);
    expect([...folders('src'), ...folders('test')].filter((folder) => !rows.includes(folder))).toEqual([]);
    expect(rows.filter((folder) => !exists(folder))).toEqual([]);
  });

  it("the worked example's code is the code as it stands: each excerpt's lines, in order, in the file it names", () => {
    const excerpts = [...page.matchAll(/```ts\n\/\/ (\S+)\n([\s\S]*?)```/g)];
    expect(excerpts.length).toBe(6);
    for (const [, path, code] of excerpts) {
      const lines = readFileSync(join(root, path!), 'utf8').split('\n').map((line) => line.trim());
      let at = 0;
      for (const line of code!.split('\n').map((l) => l.trim()).filter((l) => l && l !== '// …')) {
        const found = lines.indexOf(line, at);
        expect(found, `${path}: ${line}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
  });
});
