/// <reference path="./oauth-sign.d.ts" />
import { timingSafeEqual } from 'node:crypto';
import { hmacsign } from 'oauth-sign';

/** The protocol parameters of an `Authorization: OAuth …` header (RFC 5849 §3.5.1), decoded. */
export function parseOAuthHeader(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^OAuth\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  for (const match of header.slice(6).matchAll(/([A-Za-z0-9_.~%-]+)="([^"]*)"/g)) {
    try {
      params[decodeURIComponent(match[1]!)] = decodeURIComponent(match[2]!);
    } catch {
      return undefined;
    }
  }
  return params;
}

export interface SignedRequest {
  method: string;
  /** The URL as the client called it, without the query (`http://127.0.0.1:PORT/trello/1/cards`). */
  baseUri: string;
  query: URLSearchParams;
  /** Form-encoded body fields, which the signature covers too. */
  form?: Record<string, string>;
  oauth: Record<string, string>;
}

/**
 * Whether `oauth_signature` is the HMAC-SHA1 of the request under the consumer and token secrets.
 * Computed with `oauth-sign` (request's signer), not the library onbehalf signs with, so the two
 * check each other's reading of RFC 5849.
 */
export function signatureMatches(request: SignedRequest, consumerSecret: string, tokenSecret: string): boolean {
  if (request.oauth.oauth_signature_method !== 'HMAC-SHA1') return false;
  const params: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = params[name];
    params[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  };
  for (const [name, value] of request.query) add(name, value);
  for (const [name, value] of Object.entries(request.form ?? {})) add(name, value);
  for (const [name, value] of Object.entries(request.oauth)) if (name !== 'oauth_signature' && name !== 'realm') add(name, value);
  const expected = Buffer.from(hmacsign(request.method, request.baseUri, params, consumerSecret, tokenSecret));
  const given = Buffer.from(request.oauth.oauth_signature ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
