#!/usr/bin/env node
// The project's own launcher. It runs on any Node (the system may have an end-of-life Node 20),
// brings a Node 24 and pnpm 10 from the npm registry into .tools/ when the system lacks them,
// installs the workspace from the lockfile, then runs one of the project's tasks with that Node.
//
//   node scripts/dev.mjs test      the whole test suite (typecheck + vitest in every package)
//   node scripts/dev.mjs demo      the demo (see README)
//   node scripts/dev.mjs pnpm …    any pnpm command with the project's toolchain
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = join(root, '.tools');
const NODE_MAJOR = 24;
const PNPM_VERSION = '10';

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Installs one npm package into its own folder under .tools/ (one folder each: npm prunes strangers). */
function npmInstallTool(folder, spec) {
  const prefix = join(toolsDir, folder);
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', spec]);
  if (status !== 0) throw new Error(`could not install ${spec} from the npm registry`);
}

/** A Node >= 22: the running one when it is new enough, otherwise node-<os>-<arch>@24 from npm. */
function ensureNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return { nodeBin: process.execPath, nodeDir: undefined };
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const pkgDir = join(toolsDir, 'node', 'node_modules', pkg);
  const nodeBin = join(pkgDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(nodeBin)) {
    console.error(`[onbehalf] Node ${process.versions.node} is older than 22; fetching ${pkg}@${NODE_MAJOR} from the npm registry into .tools/`);
    npmInstallTool('node', `${pkg}@${NODE_MAJOR}`);
  }
  return { nodeBin, nodeDir: pkgDir };
}

function ensurePnpm() {
  const pnpm = join(toolsDir, 'pnpm', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
  if (!existsSync(pnpm)) {
    console.error(`[onbehalf] fetching pnpm@${PNPM_VERSION} from the npm registry into .tools/`);
    npmInstallTool('pnpm', `pnpm@${PNPM_VERSION}`);
  }
  return pnpm;
}

const { nodeBin, nodeDir } = ensureNode();
const pnpmJs = ensurePnpm();

// A bin folder with `node` and `pnpm` first on PATH, so every child (turbo, vitest, scripts) uses them.
const binDir = join(toolsDir, 'bin');
mkdirSync(binDir, { recursive: true });
if (process.platform !== 'win32') {
  writeFileSync(join(binDir, 'node'), `#!/bin/sh\nexec "${nodeBin}" "$@"\n`, { mode: 0o755 });
  writeFileSync(join(binDir, 'pnpm'), `#!/bin/sh\nexec "${nodeBin}" "${pnpmJs}" "$@"\n`, { mode: 0o755 });
}
const env = {
  ...process.env,
  PATH: [binDir, dirname(nodeBin), process.env.PATH].join(delimiter),
  TURBO_TELEMETRY_DISABLED: '1',
  // native addons (better-sqlite3) build against the headers of the Node that runs them
  ...(nodeDir ? { npm_config_nodedir: nodeDir } : {}),
};

const pnpm = (args) => run(nodeBin, [pnpmJs, ...args], { env });

function installIfNeeded() {
  const marker = join(root, 'node_modules', '.onbehalf-installed');
  const lock = join(root, 'pnpm-lock.yaml');
  const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs
    && readFileSync(marker, 'utf8') === nodeBin;
  if (fresh) return;
  const status = pnpm(['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
  writeFileSync(marker, nodeBin);
}

const [task = 'test', ...rest] = process.argv.slice(2);
if (task === 'pnpm') process.exit(pnpm(rest));
installIfNeeded();
if (task === 'install') process.exit(0);
if (task === 'test') process.exit(pnpm(['exec', 'turbo', 'run', 'typecheck', 'test', '--concurrency=1', ...rest]));
if (task === 'bench') process.exit(pnpm(['exec', 'turbo', 'run', 'bench', '--concurrency=1', ...rest]));
if (task === 'demo') process.exit(pnpm(['--filter', '@onbehalf/example-express-langchain', 'run', 'demo', ...rest]));
process.exit(pnpm(['run', task, ...rest]));
