import type { StoredCredentials } from '../accounts/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { Runtime } from '../runtime.ts';

export interface RotateKeysOptions {
  /** Rows re-encrypted per batch. */
  batchSize?: number;
  /**
   * Most account rows this run moves; the rest wait for the next run. A rotation can stop at any
   * point (a limit, a crash, Ctrl-C) and be run again: it only ever picks rows that are not under
   * the current key yet.
   */
  limit?: number;
  /** Called once before the first batch and after each one, e.g. for a progress bar. */
  onProgress?: (progress: RotateKeysProgress) => void;
}

export interface RotateKeysProgress {
  /** Rows not under the current key when this run started (connections and accounts). */
  total: number;
  /** Rows moved so far in this run. */
  done: number;
  failed: number;
}

export interface RotateKeysResult {
  /** Rows moved to the current key, per table. */
  accounts: number;
  connections: number;
  /** Rows that could not be decrypted with any key in the ring (left untouched, ids listed). */
  failed: Array<{ table: string; rowId: string }>;
  currentKeyId: string;
  /** Account rows still under another key after this run (those that failed, and those past `limit`). */
  remaining: number;
}

/**
 * Re-encrypts every sealed value that is not under the current key. Each row is swapped with a
 * conditional update on its old ciphertext, so a token refreshed meanwhile (already sealed under
 * the current key) is never overwritten with stale data. Safe to run on several instances.
 */
export async function rotateKeys(runtime: Runtime, options: RotateKeysOptions = {}): Promise<RotateKeysResult> {
  const batchSize = options.batchSize ?? 100;
  const limit = options.limit ?? Infinity;
  for (const [name, value, min] of [['batchSize', batchSize, 1], ['limit', limit, 0]] as const) {
    if (value !== Infinity && (!Number.isInteger(value) || value < min)) throw new OnBehalfError('INVALID_INPUT', `vault.rotate: ${name} must be an integer of at least ${min}.`);
  }
  const { vault } = runtime;
  const result: RotateKeysResult = { accounts: 0, connections: 0, failed: [], currentKeyId: vault.currentKeyId, remaining: 0 };
  const staleConnections = await runtime.connectionsRepo.listStaleKeys(vault.currentKeyId);
  const total = staleConnections.length + (options.onProgress ? await runtime.accountsRepo.countStaleKeys(vault.currentKeyId) : 0);
  const report = () => options.onProgress?.({ total, done: result.accounts + result.connections, failed: result.failed.length });
  report();

  for (const row of staleConnections) {
    const context = { table: 'connections', rowId: row.name, field: 'client_secret' };
    try {
      const secret = vault.open<string>(row.client_secret!, context);
      const sealed = vault.seal(secret, context);
      if (await runtime.connectionsRepo.replaceSecret(row.name, row.client_secret!, sealed.ciphertext, sealed.keyId)) result.connections++;
    } catch {
      result.failed.push({ table: 'connections', rowId: row.name });
    }
  }

  let afterId = '';
  let tried = 0;
  while (tried < limit) {
    const rows = await runtime.accountsRepo.listStaleKeys(vault.currentKeyId, afterId, Math.min(batchSize, limit - tried));
    if (rows.length === 0) break;
    tried += rows.length;
    for (const row of rows) {
      const context = { table: 'accounts', rowId: row.id, field: 'credentials' };
      try {
        const stored = vault.open<StoredCredentials>(row.credentials!, context);
        const sealed = vault.seal(stored, context);
        const moved = await runtime.accountsRepo.update(row.id, { credentials: sealed.ciphertext, credentials_key_id: sealed.keyId }, { credentials: row.credentials }, runtime.now());
        if (moved) result.accounts++;
      } catch {
        result.failed.push({ table: 'accounts', rowId: row.id });
      }
    }
    afterId = rows[rows.length - 1]!.id;
    report();
  }
  result.remaining = await runtime.accountsRepo.countStaleKeys(vault.currentKeyId);
  return result;
}
