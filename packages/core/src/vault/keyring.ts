import { createHash } from 'node:crypto';
import { OnBehalfError } from '../errors.ts';

export interface KeyringOptions {
  /** One 32-byte key, base64 (or 64 hex characters). Its key id is `default`. */
  encryptionKey?: string;
  /** A ring of keys by id, for rotation: old keys still decrypt, `currentKeyId` encrypts. */
  encryptionKeys?: Record<string, string>;
  currentKeyId?: string;
}

export interface Keyring {
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];
  key(keyId: string): Buffer | undefined;
}

const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Decodes a key and insists on exactly 32 bytes, so a typo never silently weakens encryption. */
function decodeKey(keyId: string, value: string): Buffer {
  const text = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  const canonical = /^[A-Za-z0-9+/_-]+={0,2}$/.test(text);
  if (!canonical || bytes.length !== 32) {
    throw new OnBehalfError(
      'ENCRYPTION_KEY_INVALID',
      `Encryption key '${keyId}' must be 32 random bytes, base64 encoded (for example: openssl rand -base64 32); got ${bytes.length} bytes.`,
    );
  }
  return bytes;
}

/**
 * Builds the key ring from options, falling back to ONBEHALF_ENCRYPTION_KEY. Without any key it
 * refuses to start: storing tokens in plaintext is never an option.
 */
export function createKeyring(options: KeyringOptions, env: Record<string, string | undefined> = process.env): Keyring {
  let keys: Record<string, string>;
  let currentKeyId: string;
  if (options.encryptionKeys && Object.keys(options.encryptionKeys).length > 0) {
    keys = options.encryptionKeys;
    const ids = Object.keys(keys);
    currentKeyId = options.currentKeyId ?? (ids.length === 1 ? ids[0]! : '');
    if (!currentKeyId) {
      throw new OnBehalfError('ENCRYPTION_KEY_INVALID', 'encryptionKeys has several keys: set currentKeyId to the one that encrypts new data.');
    }
  } else {
    const single = options.encryptionKey ?? env.ONBEHALF_ENCRYPTION_KEY;
    if (!single) {
      throw new OnBehalfError(
        'ENCRYPTION_KEY_MISSING',
        'No encryption key: set encryptionKey (or ONBEHALF_ENCRYPTION_KEY) to 32 random bytes in base64, e.g. `openssl rand -base64 32`.',
      );
    }
    keys = { default: single };
    currentKeyId = 'default';
  }
  const decoded = new Map<string, Buffer>();
  for (const [keyId, value] of Object.entries(keys)) {
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw new OnBehalfError('ENCRYPTION_KEY_INVALID', `Key id '${keyId.slice(0, 64)}' must be 1-64 characters of A-Z a-z 0-9 . _ -`);
    }
    if (typeof value !== 'string') throw new OnBehalfError('ENCRYPTION_KEY_INVALID', `Encryption key '${keyId}' must be a string.`);
    decoded.set(keyId, decodeKey(keyId, value));
  }
  if (!decoded.has(currentKeyId)) {
    throw new OnBehalfError('ENCRYPTION_KEY_INVALID', `currentKeyId '${currentKeyId}' is not in encryptionKeys.`);
  }
  return {
    currentKeyId,
    keyIds: [...decoded.keys()],
    key: (keyId) => decoded.get(keyId),
  };
}

/** A short, non-reversible fingerprint for diagnostics ("which key is this?") without revealing it. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}
