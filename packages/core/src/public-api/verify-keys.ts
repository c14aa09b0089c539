import type { Runtime } from '../runtime.ts';

export interface VerifyKeysOptions {
  /** Account rows tried, newest first. Default 20. */
  sample?: number;
}

export interface VerifyKeysResult {
  /** Sealed values this key ring opened. */
  opened: number;
  /** Values it could not open (a key missing from the ring, or another app's key): ids only. */
  failed: Array<{ table: string; rowId: string; keyId: string | null }>;
  currentKeyId: string;
}

/**
 * Whether this process's key ring opens what is stored: every connection's client secret and a
 * sample of account credentials. A key of the right shape but not the app's own is the usual
 * mistake of a second process (a CLI, a worker); this finds it before a token read does. Nothing
 * opened leaves this function.
 */
export async function verifyKeys(runtime: Runtime, options: VerifyKeysOptions = {}): Promise<VerifyKeysResult> {
  const { vault } = runtime;
  const result: VerifyKeysResult = { opened: 0, failed: [], currentKeyId: vault.currentKeyId };
  const attempt = (table: string, rowId: string, field: string, ciphertext: string, keyId: string | null) => {
    try {
      vault.open<unknown>(ciphertext, { table, rowId, field });
      result.opened++;
    } catch {
      result.failed.push({ table, rowId, keyId });
    }
  };
  for (const row of await runtime.connectionsRepo.list()) {
    if (row.client_secret) attempt('connections', row.name, 'client_secret', row.client_secret, row.client_secret_key_id);
  }
  for (const row of await runtime.accountsRepo.listSealed(options.sample ?? 20)) {
    attempt('accounts', row.id, 'credentials', row.credentials!, row.credentials_key_id);
  }
  return result;
}
