import { createPrivateKey, type KeyObject } from 'node:crypto';
import { OnBehalfError } from '../errors.ts';

/**
 * Reads a private key given as PEM (PKCS#8, PKCS#1 as GitHub App keys come, SEC1) or as a JWK in
 * JSON. Node's parser takes all of them, which jose's PKCS#8-only import would not. The error names
 * the field, never any part of the value.
 */
export function importPrivateKey(value: string, field: string): KeyObject {
  const text = value.trim();
  let key: KeyObject;
  try {
    key = text.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as import('node:crypto').JsonWebKey, format: 'jwk' })
      : createPrivateKey({ key: text.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new OnBehalfError('INVALID_CREDENTIALS', `${field} is not a private key (expected PEM or a JWK in JSON).`, { details: { field } });
  }
  if (key.type !== 'private' || !key.asymmetricKeyType) {
    throw new OnBehalfError('INVALID_CREDENTIALS', `${field} is not an asymmetric private key.`, { details: { field } });
  }
  return key;
}
