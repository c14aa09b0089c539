import { SignJWT } from 'jose';
import { OnBehalfError } from '../errors.ts';
import type { JwtAssertion } from '../providers/index.ts';
import { importPrivateKey } from './private-key.ts';

/** An assertion lives an hour unless its builder says otherwise (Google's and GitHub's ceiling is lower or equal). */
const DEFAULT_LIFETIME_SECONDS = 3600;

/**
 * Signs one assertion with the account's key. `iat` and `exp` default to now and an hour later;
 * the builder's claims win. A key that does not fit the algorithm (an EC key for RS256) is the
 * account's credential problem, reported as such without the key.
 */
export async function signAssertion(assertion: JwtAssertion, now: number, keyField = 'privateKey'): Promise<{ jwt: string; expiresAt: number }> {
  const key = importPrivateKey(assertion.privateKey, keyField);
  const algorithm = assertion.algorithm ?? 'RS256';
  const claims = { iat: now, exp: now + DEFAULT_LIFETIME_SECONDS, ...assertion.claims };
  try {
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: algorithm, typ: 'JWT', ...(assertion.keyId ? { kid: assertion.keyId } : {}) })
      .sign(key);
    return { jwt, expiresAt: Number(claims.exp) * 1000 };
  } catch {
    throw new OnBehalfError('INVALID_CREDENTIALS', `${keyField} cannot sign ${algorithm} assertions.`, { details: { field: keyField, algorithm } });
  }
}
