import { createPrivateKey, type KeyObject } from 'node:crypto';
import { OnBehalfError } from '../errors.ts';

/**
 * A PEM pasted into a one-line input (the hosted form) has lost its line breaks, or has spaces in
 * their place: the body is wrapped again at 64 characters, as PEM parsers need.
 */
function rewrapPem(text: string): string {
  const match = /^(-----BEGIN [A-Z0-9 ]+-----)([\s\S]*?)(-----END [A-Z0-9 ]+-----)$/.exec(text);
  if (!match || text.includes('\n')) return text;
  const body = match[2]!.replace(/\s+/g, '');
  return `${match[1]}\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n${match[3]}\n`;
}

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
      : createPrivateKey({ key: rewrapPem(text.replace(/\\n/g, '\n')), format: 'pem' });
  } catch {
    throw new OnBehalfError('INVALID_CREDENTIALS', `${field} is not a private key (expected PEM or a JWK in JSON).`, { details: { field } });
  }
  if (key.type !== 'private' || !key.asymmetricKeyType) {
    throw new OnBehalfError('INVALID_CREDENTIALS', `${field} is not an asymmetric private key.`, { details: { field } });
  }
  return key;
}
