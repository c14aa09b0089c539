import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { importPrivateKey } from './private-key.ts';
import { signAssertion } from './sign-assertion.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const now = Math.floor(Date.now() / 1000);

describe('importPrivateKey', () => {
  it('reads PKCS#8, PKCS#1 and SEC1 PEM, a PEM with escaped newlines (as in a JSON key or an env var), and a JWK', () => {
    const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    for (const value of [
      pkcs8,
      rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
      ec.privateKey.export({ type: 'sec1', format: 'pem' }) as string,
      pkcs8.replace(/\n/g, '\\n'),
      pkcs8.trim().replace(/\n/g, ' '), // pasted into a one-line input
      (rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string).trim().replace(/\n/g, ''),
      JSON.stringify(ec.privateKey.export({ format: 'jwk' })),
    ]) {
      expect(importPrivateKey(value, 'privateKey').type).toBe('private');
    }
  });

  it('refuses a public key, a JWK without its private part and garbage with INVALID_CREDENTIALS naming the field only', () => {
    const publicPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    for (const value of [publicPem, JSON.stringify(ec.publicKey.export({ format: 'jwk' })), 'secret-looking-garbage-'.repeat(4)]) {
      let caught: unknown;
      try {
        importPrivateKey(value, 'privateKey');
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { field: 'privateKey' } });
      expect(JSON.stringify(caught) + (caught as Error).message).not.toContain(value.slice(30, 60));
    }
  });
});

describe('signAssertion', () => {
  it('signs with the algorithm and key id asked for, iat/exp defaulting to now and an hour', async () => {
    const { jwt, expiresAt } = await signAssertion({ privateKey: JSON.stringify(ec.privateKey.export({ format: 'jwk' })), algorithm: 'ES256', keyId: 'k1', claims: { iss: 'me' } }, now);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k1' });
    const { payload } = await jwtVerify(jwt, ec.publicKey, { issuer: 'me' });
    expect(payload).toMatchObject({ iat: now, exp: now + 3600 });
    expect(expiresAt).toBe((now + 3600) * 1000);
  });

  it('a key that cannot make the algorithm is INVALID_CREDENTIALS', async () => {
    const pem = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await expect(signAssertion({ privateKey: pem, algorithm: 'RS256', claims: {} }, now)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', details: { algorithm: 'RS256' } });
  });
});
