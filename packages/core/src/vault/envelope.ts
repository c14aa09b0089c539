import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { OnBehalfError } from '../errors.ts';
import type { Keyring } from './keyring.ts';
import { passwordIdOf, type PasswordMap } from './password-map.ts';

/**
 * Where a ciphertext belongs. It becomes the AES-GCM associated data, so a ciphertext copied to
 * another row or another column fails to decrypt instead of handing out someone else's token.
 */
export interface EnvelopeContext {
  table: string;
  rowId: string;
  field: string;
}

const AUTH_TAG_LENGTH = 16;

interface StoredEnvelope {
  v: 1;
  k: string;
  iv: string;
  t: string;
  c: string;
}

export interface Vault {
  readonly currentKeyId: string;
  /** Encrypts a JSON-serialisable value; returns the stored text and the key id that sealed it. */
  seal(value: unknown, context: EnvelopeContext): { ciphertext: string; keyId: string };
  open<T = unknown>(ciphertext: string, context: EnvelopeContext): T;
  keyIdOf(ciphertext: string): string;
  /** A 256-bit secret for another purpose (e.g. keying an HMAC), derived from the current key. */
  deriveSecret(purpose: string): Buffer;
  /**
   * iron-session passwords for another purpose (e.g. sealing cookies): a 256-bit secret derived
   * from every key of the ring, by stable password id, so that what an instance with another
   * current key sealed still opens. Seal with `sealingPasswords(map, currentKeyId)`.
   */
  derivePasswords(purpose: string): PasswordMap;
}

function associatedData({ table, rowId, field }: EnvelopeContext): Buffer {
  return Buffer.from(`onbehalf:v1:${table}:${rowId}:${field}`, 'utf8');
}

function decryptionFailed(context: EnvelopeContext, why: string): OnBehalfError {
  return new OnBehalfError('DECRYPTION_FAILED', `Could not decrypt ${context.table}.${context.field} of row ${context.rowId}: ${why}`, {
    details: { table: context.table, rowId: context.rowId, field: context.field },
  });
}

function parse(ciphertext: string, context: EnvelopeContext): StoredEnvelope {
  let envelope: unknown;
  try {
    envelope = JSON.parse(ciphertext);
  } catch {
    throw decryptionFailed(context, 'the stored value is not an encrypted envelope');
  }
  const e = envelope as Partial<StoredEnvelope> | null;
  if (!e || e.v !== 1 || typeof e.k !== 'string' || typeof e.iv !== 'string' || typeof e.t !== 'string' || typeof e.c !== 'string') {
    throw decryptionFailed(context, 'the stored value is not an encrypted envelope');
  }
  return e as StoredEnvelope;
}

/** AES-256-GCM envelopes `{keyId, iv, tag, ciphertext}` over a key ring. */
export function createVault(keyring: Keyring): Vault {
  const derive = (keyId: string, purpose: string) => Buffer.from(hkdfSync('sha256', keyring.key(keyId)!, Buffer.alloc(0), `onbehalf:${purpose}`, 32));

  return {
    currentKeyId: keyring.currentKeyId,

    seal(value, context) {
      const keyId = keyring.currentKeyId;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyring.key(keyId)!, iv, { authTagLength: AUTH_TAG_LENGTH });
      cipher.setAAD(associatedData(context));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      const envelope: StoredEnvelope = { v: 1, k: keyId, iv: iv.toString('base64'), t: cipher.getAuthTag().toString('base64'), c: body.toString('base64') };
      return { ciphertext: JSON.stringify(envelope), keyId };
    },

    open<T>(ciphertext: string, context: EnvelopeContext): T {
      const envelope = parse(ciphertext, context);
      const key = keyring.key(envelope.k);
      if (!key) throw decryptionFailed(context, `key '${envelope.k}' is not in the key ring`);
      // GCM also verifies a truncated tag (a valid prefix of the real one), which would let a
      // database writer forge a 4-byte tag in about 2^32 tries: only the full 16 bytes count.
      const tag = Buffer.from(envelope.t, 'base64');
      if (tag.length !== AUTH_TAG_LENGTH) throw decryptionFailed(context, 'authentication failed (tampered data or wrong key)');
      let plaintext: string;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), { authTagLength: AUTH_TAG_LENGTH });
        decipher.setAAD(associatedData(context));
        decipher.setAuthTag(tag);
        plaintext = Buffer.concat([decipher.update(Buffer.from(envelope.c, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        // GCM authentication failed: tampered data, a different key under the same id, or a
        // ciphertext moved from another row. Never fall back to anything.
        throw decryptionFailed(context, 'authentication failed (tampered data or wrong key)');
      }
      return JSON.parse(plaintext) as T;
    },

    deriveSecret: (purpose) => derive(keyring.currentKeyId, purpose),

    derivePasswords(purpose) {
      return Object.fromEntries(keyring.keyIds.map((keyId) => [passwordIdOf(keyId), derive(keyId, purpose).toString('hex')]));
    },

    keyIdOf(ciphertext) {
      return parse(ciphertext, { table: '?', rowId: '?', field: '?' }).k;
    },
  };
}
