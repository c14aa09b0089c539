import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What a release would publish holds product code only: each public package's build (its own
 * `tsconfig.build.json`, emitted into a temporary folder) contains no test file and imports no
 * test-only module, and its `files` ships `dist`, README and LICENSE — never `src`.
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');

/** Modules that exist for tests only; product code importing one would break a consumer's install. */
const TEST_ONLY = ['vitest', '@vitest/', 'supertest', 'playwright-core', 'yaml', '@notionhq/client', '@onbehalf/e2e', '@onbehalf/spec-check', '@onbehalf/sandbox'];

interface PackageJson {
  name: string;
  private?: boolean;
  files?: string[];
}

const publicPackages = readdirSync(join(root, 'packages'))
  .map((folder) => ({ folder: join(root, 'packages', folder), json: JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as PackageJson }))
  .filter(({ json }) => !json.private);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * Module specifiers in emitted JS: static imports, re-exports, bare and dynamic imports, and
 * `require('x')` / `createRequire(…)('x')` (how lazily loaded dev dependencies hide).
 */
function importsOf(code: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bcreateRequire\([^)]*\)\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of code.matchAll(pattern)) found.add((m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5])!);
  return [...found];
}

const out = mkdtempSync(join(tmpdir(), 'onbehalf-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('published packages contain product code only', () => {
  it('finds the public packages', () => {
    expect(publicPackages.map((p) => p.json.name)).toContain('@onbehalf/core');
  });

  describe.each(publicPackages.map((p) => [p.json.name, p] as const))('%s', (name, pkg) => {
    it('ships dist, README and LICENSE, not src', () => {
      expect(pkg.json.files ?? []).toEqual(expect.arrayContaining(['dist']));
      expect((pkg.json.files ?? []).filter((f) => f.replace(/^!/, '').startsWith('src'))).toEqual([]);
      for (const file of ['README.md', 'LICENSE']) expect(existsSync(join(pkg.folder, file)), `${name} has ${file}`).toBe(true);
    });

    it('builds to files that import nothing test-only', async () => {
      const dist = join(out, name.replace('/', '__'));
      await run(process.execPath, [tsc, '-p', join(pkg.folder, 'tsconfig.build.json'), '--outDir', dist], { cwd: pkg.folder });
      const emitted = [...files(dist)].map((f) => relative(dist, f));
      expect(emitted.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(0);
      expect(emitted.filter((f) => /(^|\/)(test|test-support|__tests__)\/|\.test\.|(^|\/)test-[^/]*\.js$/.test(f)), 'test files in the build').toEqual([]);
      const bad: string[] = [];
      for (const file of emitted.filter((f) => f.endsWith('.js'))) {
        for (const spec of importsOf(readFileSync(join(dist, file), 'utf8'))) {
          if (TEST_ONLY.some((t) => spec === t || (t.endsWith('/') ? spec.startsWith(t) : spec.startsWith(`${t}/`)))) bad.push(`${file} imports ${spec}`);
        }
      }
      expect(bad).toEqual([]);
    });
  });
});

describe('the import scan itself', () => {
  it('sees static, bare, re-export and dynamic imports', () => {
    const code = `import { a } from 'vitest';\nimport 'yaml';\nexport * from "@onbehalf/sandbox";\nconst m = await import('@notionhq/client');\nconst r = require('supertest');\nconst t = createRequire(import.meta.url)('@onbehalf/e2e/x');\nconst s = "import nothing from 'x'";`;
    expect(importsOf(code).sort()).toEqual(['@notionhq/client', '@onbehalf/e2e/x', '@onbehalf/sandbox', 'supertest', 'vitest', 'yaml'].sort());
  });
  it('is the folder the tests run from', () => {
    expect(existsSync(join(dirname(tsc), '..', 'package.json'))).toBe(true);
  });
});
