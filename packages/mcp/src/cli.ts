import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { createOnBehalf, type Logger, type OnBehalf } from '@onbehalf/core';
import { serveMcpStdio } from './serve-mcp-stdio.ts';

const USAGE = `Usage: onbehalf-mcp --identifier <id> [--config <module>] [--providers a,b] [--connections a,b] [--tools a,b] [--mode search]

Serves the onbehalf tools of one identifier over stdio, for desktop MCP clients.
  --identifier   the user (org, …) every tool acts for (required)
  --config       a module whose default export is your OnBehalf instance (or a function returning
                 one), for custom providers and tools; without it onbehalf is opened from
                 ONBEHALF_DATABASE_URL, ONBEHALF_ENCRYPTION_KEY and ONBEHALF_BASE_URL with the
                 connections your app stored there
  --providers, --connections, --tools   only these (comma-separated)
  --mode search  two tools, search_tools and call_tool, instead of every tool (for large catalogs)`;

// stdout carries the protocol: everything else, onbehalf's own log lines included, goes to stderr.
const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn: (message) => void process.stderr.write(`onbehalf-mcp: ${message}\n`),
  error: (message) => void process.stderr.write(`onbehalf-mcp: ${message}\n`),
};

async function openOnBehalf(config: string | undefined): Promise<OnBehalf> {
  if (config) {
    const loaded = (await import(pathToFileURL(resolve(config)).href)) as { default?: unknown };
    const value = typeof loaded.default === 'function' ? await (loaded.default as () => unknown)() : loaded.default;
    if (!value || typeof (value as OnBehalf).tools?.execute !== 'function') throw new Error(`${config} must export an OnBehalf instance (or a function returning one) as its default export.`);
    return value as OnBehalf;
  }
  const encryptionKey = process.env.ONBEHALF_ENCRYPTION_KEY;
  if (!encryptionKey) throw new Error('Set ONBEHALF_ENCRYPTION_KEY (and ONBEHALF_DATABASE_URL, ONBEHALF_BASE_URL) to the values your app uses, or pass --config.');
  const ob = createOnBehalf({
    database: process.env.ONBEHALF_DATABASE_URL ?? 'sqlite:./onbehalf.db',
    encryptionKey,
    ...(process.env.ONBEHALF_BASE_URL ? { baseUrl: process.env.ONBEHALF_BASE_URL } : {}),
    logger: stderrLogger,
  });
  await ob.migrate();
  return ob;
}

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean);

/** The `onbehalf-mcp` command: parses the arguments, opens onbehalf, serves until stdin closes. */
export async function runCli(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { identifier: { type: 'string' }, config: { type: 'string' }, providers: { type: 'string' }, connections: { type: 'string' }, tools: { type: 'string' }, mode: { type: 'string' }, help: { type: 'boolean' } },
  });
  const badMode = values.mode !== undefined && values.mode !== 'all' && values.mode !== 'search';
  if (values.help || !values.identifier || badMode) {
    if (badMode) process.stderr.write(`onbehalf-mcp: --mode is 'all' or 'search', not '${values.mode}'.\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const ob = await openOnBehalf(values.config);
  const providers = list(values.providers);
  const connections = list(values.connections);
  const tools = list(values.tools);
  const server = serveMcpStdio(ob, {
    identifier: values.identifier,
    ...(providers ? { providers } : {}),
    ...(connections ? { connections } : {}),
    ...(tools ? { tools } : {}),
    ...(values.mode ? { mode: values.mode as 'all' | 'search' } : {}),
    onError: (error) => stderrLogger.error(error.message),
  });
  process.stdin.once('end', () => void server.close().then(() => ob.close()));
}
