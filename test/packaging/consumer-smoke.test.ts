import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What a newcomer gets from npm, tried the way a newcomer would: every public package packed
 * (each tarball builds itself in `prepack`), the tarballs installed with plain `npm` into a fresh
 * app in a temporary folder outside the workspace (third-party dependencies come from the npm
 * registry; nothing else is reached), then in that app:
 *
 * - the README's five-minute guide against the sandbox on the project's Node (Express app, link,
 *   consent, ACTIVE, a LangChain tool invoked for the bound user);
 * - `tsc --noEmit` of the same app, strict, with `moduleResolution: nodenext` and with `bundler`;
 * - every package imported by its published name, at run time and in the type check.
 *
 * It fails when a tarball misses a file, a type, a dependency or an export. Packing and installing
 * happen once, in beforeAll; the checks then read what they left behind.
 */

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./consumer-app/', import.meta.url));

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  repository?: { url?: string; directory?: string };
}

const publicPackages = readdirSync(join(root, 'packages'))
  .map((folder) => JSON.parse(readFileSync(join(root, 'packages', folder, 'package.json'), 'utf8')) as Manifest)
  .filter((pkg) => !pkg.private)
  .map((pkg) => pkg.name)
  .sort();
const privatePackages = [root, join(root, 'test'), join(root, 'test', 'spec-check'), ...readdirSync(join(root, 'examples')).map((e) => join(root, 'examples', e))]
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest)
  .filter((pkg) => pkg.private)
  .map((pkg) => pkg.name);

/**
 * What the app installs besides the tarballs, in the ranges the packages' peers ask for. The
 * adapters' own peers are listed so their types resolve; Next.js is not (its adapter imports
 * nothing from `next`), which keeps the install small.
 */
const THIRD_PARTY = {
  express: '^5.1.0',
  '@types/express': '^5.0.0',
  koa: '^3.0.0',
  '@types/koa': '^3.0.0',
  '@langchain/core': '^1.0.0',
  ai: '^7.0.0',
  '@google/genai': '^3.0.0',
  '@google/adk': '^2.0.0',
  '@openai/agents': '^0.20.0',
  zod: '^4.1.12',
  typescript: '~5.9.3',
  '@types/node': '^24.0.0',
};

/** npm as a newcomer runs it: none of the pnpm settings the workspace's scripts inherit, but the registry, cache and proxy a CI may set. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|https?_proxy|proxy|noproxy|strict_ssl|cafile)$/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_|^pnpm_/i.test(key) || keep.test(key)));
}

/**
 * A Node older than the library supports, to see the import refused: ONBEHALF_TEST_OLD_NODE, or
 * the system's own Node when it is older (the dev launcher runs on Node 20 and fetches Node 24).
 */
const oldNode = [process.env.ONBEHALF_TEST_OLD_NODE, '/usr/bin/node', '/usr/local/bin/node'].find((candidate) => {
  if (!candidate || !existsSync(candidate)) return false;
  const version = spawnSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return version !== '' && (major < 22 || (major === 22 && minor < 13));
});

const STRICT = { strict: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, noEmit: true, target: 'ES2023', lib: ['ES2023', 'DOM'], types: ['node'], verbatimModuleSyntax: true, skipLibCheck: false };

let app: string;
let tarballs: string;
const packed = new Map<string, { file: string; entries: string[]; manifest: Manifest; readme: string }>();

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'onbehalf-consumer-'));
  tarballs = join(work, 'tarballs');
  app = join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  expect(relative(root, app).startsWith('..'), 'the app lives outside the workspace').toBe(true);

  // Pack once: every public package, each built by its own prepack.
  await run('pnpm', ['-r', '--filter', './packages/*', '--workspace-concurrency=1', 'pack', '--pack-destination', tarballs], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  for (const file of readdirSync(tarballs).filter((f) => f.endsWith('.tgz'))) {
    const path = join(tarballs, file);
    const entries = (await run('tar', ['-tzf', path])).stdout.split('\n').filter(Boolean);
    const manifest = JSON.parse((await run('tar', ['-xzOf', path, 'package/package.json'])).stdout) as Manifest;
    const readme = entries.includes('package/README.md') ? (await run('tar', ['-xzOf', path, 'package/README.md'])).stdout : '';
    packed.set(manifest.name, { file: path, entries, manifest, readme });
  }

  // Install once, with plain npm, from the tarballs and the registry.
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({
    name: 'newcomer-app',
    private: true,
    type: 'module',
    dependencies: { ...Object.fromEntries([...packed].map(([name, { file }]) => [name, `file:${file}`])), ...THIRD_PARTY },
  }, null, 2)}\n`);
  // --legacy-peer-deps: npm would otherwise pull every adapter's framework peer (Next.js, React) in.
  // A registry that cannot be reached fails the install in about a minute instead of npm's 5-minute retries.
  await run('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error', '--fetch-timeout=60000', '--fetch-retries=1'], { cwd: app, env: npmEnv(), maxBuffer: 64 * 1024 * 1024 });

  for (const file of ['guide.ts', 'every-package.ts']) copyFileSync(join(fixtures, file), join(app, file));
  const files = ['guide.ts', 'every-package.ts'];
  writeFileSync(join(app, 'tsconfig.nodenext.json'), JSON.stringify({ compilerOptions: { ...STRICT, module: 'NodeNext', moduleResolution: 'NodeNext' }, files }));
  writeFileSync(join(app, 'tsconfig.bundler.json'), JSON.stringify({ compilerOptions: { ...STRICT, module: 'Preserve', moduleResolution: 'Bundler' }, files }));
}, 900_000);

afterAll(() => {
  if (app) rmSync(join(app, '..'), { recursive: true, force: true });
});

describe('the packed tarballs', () => {
  it('are one per public package', () => {
    expect([...packed.keys()].sort()).toEqual(publicPackages);
  });

  it.each(publicPackages)('%s ships its build, README, LICENSE and manifest, and no source or test code', (name) => {
    const { entries, manifest, readme } = packed.get(name)!;
    expect(entries).toEqual(expect.arrayContaining(['package/package.json', 'package/README.md', 'package/LICENSE', 'package/dist/index.js', 'package/dist/index.d.ts']));
    expect(entries.filter((e) => !e.startsWith('package/dist/') && !['package/package.json', 'package/README.md', 'package/LICENSE'].includes(e))).toEqual([]);
    expect(entries.filter((e) => /\.test\.|\/test-[^/]*$|\/(test|test-support|__tests__)\//.test(e))).toEqual([]);
    // npm shows the README on its own site: a relative link there leads nowhere.
    expect([...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((target) => !/^(https?:|mailto:|#)/.test(target))).toEqual([]);
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\//);
    expect(manifest.repository?.directory).toBe(`packages/${name.replace('@onbehalf/', '')}`);
  });

  it.each(publicPackages)('%s resolves nothing private and peers on @onbehalf/core with a range that takes patch releases', (name) => {
    const { manifest } = packed.get(name)!;
    const resolved = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    expect(Object.values(resolved).filter((range) => range.startsWith('workspace:'))).toEqual([]);
    expect(Object.keys(resolved).filter((dep) => privatePackages.includes(dep))).toEqual([]);
    const corePeer = manifest.peerDependencies?.['@onbehalf/core'];
    if (corePeer !== undefined) expect(corePeer).toBe(`^${packed.get('@onbehalf/core')!.manifest.version}`);
  });
});

describe('a fresh npm app with the tarballs', () => {
  it('runs the README five-minute guide against the sandbox on the project Node', async () => {
    const { stdout, stderr } = await run(process.execPath, ['guide.ts'], { cwd: app, timeout: 120_000 });
    const seen = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(seen).toMatchObject({ connect: 302, linkUnderBaseUrl: true, authorize: 302, callback: 302, status: 'ACTIVE', health: 'ok', unknownTool: 'TOOL_NOT_FOUND' });
    expect(seen.returnedTo).toMatch(/\/settings\?onbehalf_status=success&onbehalf_connection=gmail$/);
    expect(seen.toolNames).toEqual(expect.arrayContaining(['gmail_fetch_mails', 'gmail_send_email']));
    // The bound user's unread mail from the sandbox's Gmail, as the model would read it.
    const mails = seen.toolContent as Array<{ id?: string; to?: string; unread?: boolean }>;
    expect(Array.isArray(mails) && mails.length > 0 && mails.length <= 5, JSON.stringify(mails)).toBe(true);
    for (const mail of mails) expect(mail).toMatchObject({ id: expect.any(String), unread: true });
    // Nothing for the app's users to see on every start: no SQLite ExperimentalWarning, no stack.
    expect(stderr).not.toContain('ExperimentalWarning');
  });

  it('imports every package by its published name', async () => {
    const { stdout } = await run(process.execPath, ['every-package.ts'], { cwd: app, timeout: 60_000 });
    const kinds = JSON.parse(stdout.trim()) as Record<string, string>;
    expect(Object.values(kinds).every((kind) => kind === 'function'), stdout).toBe(true);
  });

  it.skipIf(!oldNode)('stops at import on a Node older than 22.13 with an OnBehalfError naming the Node it needs', async () => {
    const probe = "import('@onbehalf/core').then(() => console.log('imported'), (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })))";
    const { stdout } = await run(oldNode!, ['--input-type=module', '-e', probe], { cwd: app });
    const error = JSON.parse(stdout.trim()) as { name: string; code: string; message: string };
    expect(error).toMatchObject({ name: 'OnBehalfError', code: 'CONFIGURATION_ERROR' });
    expect(error.message).toContain('needs Node.js 22.13 or newer');
  });

  it.each(['nodenext', 'bundler'])('type-checks strictly with moduleResolution %s', async (resolution) => {
    const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
    const output = await run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: app }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    // skipLibCheck is off so that our own .d.ts files are checked too; what third-party
    // declarations get wrong under a strict config (an untyped transitive import) is theirs.
    const ours = output.split('\n').filter((line) => /error TS\d+/.test(line) && (!line.startsWith('node_modules/') || line.startsWith('node_modules/@onbehalf/')));
    expect(ours, output).toEqual([]);
    expect(output === '' || /error TS/.test(output), output).toBe(true);
  });
});
