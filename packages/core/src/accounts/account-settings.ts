import { OnBehalfError } from '../errors.ts';
import type { AccountPatch } from '../store/index.ts';
import type { AccountSettings } from './account-types.ts';

export type AccountSettingsInput = Partial<AccountSettings>;

const MAX_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_RETRIES = 10;

function invalid(message: string): OnBehalfError {
  return new OnBehalfError('INVALID_INPUT', `updateSettings: ${message}`);
}

/** The columns `settings` changes; a key left out keeps its value, null goes back to the default. */
export function accountSettingsPatch(settings: AccountSettingsInput): AccountPatch {
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) throw invalid('expected { autoRefresh?, requestTimeoutMs?, maxRetries? }.');
  const unknown = Object.keys(settings).filter((key) => !['autoRefresh', 'requestTimeoutMs', 'maxRetries'].includes(key));
  if (unknown.length > 0) throw invalid(`unknown setting ${unknown.join(', ')}.`);
  const patch: AccountPatch = {};
  const { autoRefresh, requestTimeoutMs, maxRetries } = settings;
  if (autoRefresh !== undefined) {
    if (typeof autoRefresh !== 'boolean') throw invalid('autoRefresh must be true or false.');
    patch.auto_refresh = autoRefresh ? 1 : 0;
  }
  if (requestTimeoutMs !== undefined) {
    if (requestTimeoutMs !== null && (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1 || requestTimeoutMs > MAX_TIMEOUT_MS)) throw invalid(`requestTimeoutMs must be an integer from 1 to ${MAX_TIMEOUT_MS}, or null.`);
    patch.request_timeout_ms = requestTimeoutMs;
  }
  if (maxRetries !== undefined) {
    if (maxRetries !== null && (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES)) throw invalid(`maxRetries must be an integer from 0 to ${MAX_RETRIES}, or null.`);
    patch.max_retries = maxRetries;
  }
  return patch;
}
