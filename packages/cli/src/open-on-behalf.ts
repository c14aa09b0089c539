import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOnBehalf, type Logger, type OnBehalf, type OnBehalfOptions } from '@onbehalf/core';
import { CliError, EXIT_CODES } from './exit-codes.ts';

export interface GlobalOptions {
  config?: string;
  database?: string;
  json?: boolean;
}

// stdout carries the command's output (JSON for scripts): onbehalf's own log lines go to stderr.
const stderrLogger: Logger = {
  debug() {},
  info() {},
  warn: (message) => void process.stderr.write(`onbehalf: ${message}\n`),
  error: (message) => void process.stderr.write(`onbehalf: ${message}\n`),
};

const isInstance = (value: unknown): value is OnBehalf => !!value && typeof (value as OnBehalf).handler === 'function' && typeof (value as OnBehalf).accounts?.get === 'function';

/**
 * `ONBEHALF_ENCRYPTION_KEYS=old:<base64>,new:<base64>` with `ONBEHALF_CURRENT_KEY_ID=new`: the key
 * ring a rotation needs, which one environment variable cannot hold. Base64 has no ':' or ','.
 */
function keyRingFromEnv(env: NodeJS.ProcessEnv): Pick<OnBehalfOptions, 'encryptionKeys' | 'currentKeyId'> | undefined {
  const text = env.ONBEHALF_ENCRYPTION_KEYS?.trim();
  if (!text) return undefined;
  const encryptionKeys: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const at = pair.indexOf(':');
    if (at <= 0) throw new CliError('ENCRYPTION_KEY_INVALID', 'ONBEHALF_ENCRYPTION_KEYS must be id:key pairs separated by commas (e.g. default:<old key>,k2:<new key>).', EXIT_CODES.CONFIGURATION);
    encryptionKeys[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return { encryptionKeys, ...(env.ONBEHALF_CURRENT_KEY_ID ? { currentKeyId: env.ONBEHALF_CURRENT_KEY_ID } : {}) };
}

/** The --config module's default export: createOnBehalf options, a function returning them, or an OnBehalf instance. */
async function loadConfig(file: string): Promise<OnBehalfOptions | OnBehalf> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  } catch (error) {
    throw new CliError('CONFIG_INVALID', `--config ${file} could not be loaded: ${error instanceof Error ? error.message : String(error)}`, EXIT_CODES.CONFIGURATION);
  }
  const value = typeof loaded.default === 'function' ? await (loaded.default as () => unknown)() : loaded.default;
  if (isInstance(value)) return value;
  if (!value || typeof value !== 'object') throw new CliError('CONFIG_INVALID', `--config ${file} must export the createOnBehalf options (or a function returning them) as its default export.`, EXIT_CODES.CONFIGURATION);
  return value as OnBehalfOptions;
}

/**
 * Opens onbehalf as the app does: the --config module's options, with what they leave out taken
 * from the environment by the library itself (ONBEHALF_DATABASE_URL, ONBEHALF_ENCRYPTION_KEY,
 * ONBEHALF_BASE_URL), plus a key ring from ONBEHALF_ENCRYPTION_KEYS for rotations.
 */
export async function openOnBehalf(global: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Promise<OnBehalf> {
  const config = global.config ? await loadConfig(global.config) : {};
  if (isInstance(config)) return config;
  const options: OnBehalfOptions = { logger: stderrLogger, ...config };
  if (global.database) options.database = global.database;
  if (!options.encryptionKey && !options.encryptionKeys) Object.assign(options, keyRingFromEnv(env));
  return createOnBehalf(options);
}
