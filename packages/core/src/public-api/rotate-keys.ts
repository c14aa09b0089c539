import type { StoredCredentials } from '../accounts/index.ts';
import type { Runtime } from '../runtime.ts';

export interface RotateKeysOptions {
  /** Rows re-encrypted per batch. */
  batchSize?: number;
}

export interface RotateKeysResult {
  /** Rows moved to the current key, per table. */
  accounts: number;
  connections: number;
  /** Rows that could not be decrypted with any key in the ring (left untouched, ids listed). */
  failed: Array<{ table: string; rowId: string }>;
  currentKeyId: string;
}

/**
 * Re-encrypts every sealed value that is not under the current key. Each row is swapped with a
 * conditional update on its old ciphertext, so a token refreshed meanwhile (already sealed under
 * the current key) is never overwritten with stale data. Safe to run on several instances.
 */
export async function rotateKeys(runtime: Runtime, options: RotateKeysOptions = {}): Promise<RotateKeysResult> {
  const batchSize = options.batchSize ?? 100;
  const { vault } = runtime;
  const result: RotateKeysResult = { accounts: 0, connections: 0, failed: [], currentKeyId: vault.currentKeyId };

  for (const row of await runtime.connectionsRepo.listStaleKeys(vault.currentKeyId)) {
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
  for (;;) {
    const rows = await runtime.accountsRepo.listStaleKeys(vault.currentKeyId, afterId, batchSize);
    if (rows.length === 0) break;
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
  }
  return result;
}
