import { generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'oidc-provider';

let cached: Promise<JWK> | undefined;

/**
 * An RS256 key for ID tokens. RS256 because it is the default `id_token_signed_response_alg`
 * that OpenID clients expect when nothing is configured. Generated once per process: RSA key
 * generation is the slowest part of starting a sandbox and tests start many.
 */
export function getSigningKey(): Promise<JWK> {
  cached ??= (async () => {
    const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' } as JWK;
  })();
  return cached;
}
