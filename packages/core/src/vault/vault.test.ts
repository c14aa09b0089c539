import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OnBehalfError } from '../errors.ts';
import { createKeyring, createVault } from './index.ts';

const key = () => randomBytes(32).toString('base64');
const context = { table: 'accounts', rowId: 'acc_1', field: 'credentials' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OnBehalfError);
    return (error as OnBehalfError).code;
  }
  return undefined;
}

describe('key ring', () => {
  it('refuses to start without a key', () => {
    expect(codeOf(() => createKeyring({}, {}))).toBe('ENCRYPTION_KEY_MISSING');
  });

  it('falls back to ONBEHALF_ENCRYPTION_KEY', () => {
    expect(createKeyring({}, { ONBEHALF_ENCRYPTION_KEY: key() }).currentKeyId).toBe('default');
  });

  it('rejects keys that are not exactly 32 bytes, naming the key but not its value', () => {
    const short = randomBytes(16).toString('base64');
    let message = '';
    try {
      createKeyring({ encryptionKey: short });
    } catch (error) {
      expect((error as OnBehalfError).code).toBe('ENCRYPTION_KEY_INVALID');
      message = (error as Error).message;
    }
    expect(message).toContain('32 random bytes');
    expect(message).not.toContain(short);
    expect(codeOf(() => createKeyring({ encryptionKey: 'not base64 at all!' }))).toBe('ENCRYPTION_KEY_INVALID');
  });

  it('accepts 64 hex characters', () => {
    expect(createKeyring({ encryptionKey: randomBytes(32).toString('hex') }).keyIds).toEqual(['default']);
  });

  it('needs currentKeyId for several keys, and it must be in the ring', () => {
    expect(codeOf(() => createKeyring({ encryptionKeys: { a: key(), b: key() } }))).toBe('ENCRYPTION_KEY_INVALID');
    expect(codeOf(() => createKeyring({ encryptionKeys: { a: key() }, currentKeyId: 'b' }))).toBe('ENCRYPTION_KEY_INVALID');
    expect(createKeyring({ encryptionKeys: { a: key(), b: key() }, currentKeyId: 'b' }).currentKeyId).toBe('b');
  });
});

describe('envelopes', () => {
  const vault = createVault(createKeyring({ encryptionKey: key() }));

  it('round-trips a value and never stores it in the clear', () => {
    const secret = { accessToken: 'ya29.super-secret-token' };
    const { ciphertext, keyId } = vault.seal(secret, context);
    expect(keyId).toBe('default');
    expect(ciphertext).not.toContain('super-secret');
    expect(vault.open(ciphertext, context)).toEqual(secret);
    expect(vault.seal(secret, context).ciphertext).not.toBe(ciphertext); // fresh IV each time
  });

  it('detects a tampered ciphertext', () => {
    const { ciphertext } = vault.seal('secret', context);
    const envelope = JSON.parse(ciphertext);
    const body = Buffer.from(envelope.c, 'base64');
    body[0] = body[0]! ^ 1;
    envelope.c = body.toString('base64');
    expect(codeOf(() => vault.open(JSON.stringify(envelope), context))).toBe('DECRYPTION_FAILED');
    expect(codeOf(() => vault.open('{"v":1}', context))).toBe('DECRYPTION_FAILED');
    expect(codeOf(() => vault.open('plaintext', context))).toBe('DECRYPTION_FAILED');
  });

  it('binds a ciphertext to its row and field', () => {
    const { ciphertext } = vault.seal('secret', context);
    expect(codeOf(() => vault.open(ciphertext, { ...context, rowId: 'acc_2' }))).toBe('DECRYPTION_FAILED');
    expect(codeOf(() => vault.open(ciphertext, { ...context, field: 'other' }))).toBe('DECRYPTION_FAILED');
  });

  it('refuses a truncated authentication tag of every length GCM would otherwise accept', () => {
    const { ciphertext } = vault.seal('secret', context);
    const envelope = JSON.parse(ciphertext);
    const tag = Buffer.from(envelope.t, 'base64');
    // A GCM tag cut short is still the valid prefix of the real one, so without a fixed tag length
    // a database writer could forge with a 4-byte tag in about 2^32 tries.
    for (const length of [4, 8, 12, 13, 14, 15]) {
      const truncated = JSON.stringify({ ...envelope, t: tag.subarray(0, length).toString('base64') });
      expect(codeOf(() => vault.open(truncated, context)), `${length}-byte tag`).toBe('DECRYPTION_FAILED');
    }
    const padded = JSON.stringify({ ...envelope, t: Buffer.concat([tag, Buffer.alloc(1)]).toString('base64') });
    expect(codeOf(() => vault.open(padded, context))).toBe('DECRYPTION_FAILED');
    expect(vault.open(ciphertext, context)).toBe('secret');
  });

  it('fails cleanly with a wrong key or an unknown key id', () => {
    const { ciphertext } = vault.seal('secret', context);
    const otherKey = createVault(createKeyring({ encryptionKey: key() }));
    expect(codeOf(() => otherKey.open(ciphertext, context))).toBe('DECRYPTION_FAILED');
    const otherId = createVault(createKeyring({ encryptionKeys: { k2: key() } }));
    expect(codeOf(() => otherId.open(ciphertext, context))).toBe('DECRYPTION_FAILED');
  });

  it('decrypts with old keys and encrypts with the current one', () => {
    const a = key();
    const old = createVault(createKeyring({ encryptionKeys: { a } }));
    const ring = createVault(createKeyring({ encryptionKeys: { a, b: key() }, currentKeyId: 'b' }));
    const sealedOld = old.seal('v', context);
    expect(ring.open(sealedOld.ciphertext, context)).toBe('v');
    expect(ring.seal('v', context).keyId).toBe('b');
    expect(ring.keyIdOf(sealedOld.ciphertext)).toBe('a');
  });
});
