import { oauth1SignatureMatches, parseOAuthHeader } from '@onbehalf/sandbox';
import { describe, expect, it } from 'vitest';
import { signOAuth1Request } from './oauth1-signer.ts';

/**
 * The signatures onbehalf makes (with oauth-1.0a) checked by another implementation of RFC 5849
 * (oauth-sign, through the sandbox): the query as the server decodes it, spaces written `+` by
 * URLSearchParams, reserved characters, repeated parameters, a form body, the token secret.
 */
const consumer = { key: 'consumer-key', secret: 'consumer secret & more' };
const token = { key: 'ATTA-token', secret: 'token-secret' };

function verify(method: string, url: URL, header: string, options: { form?: Record<string, string>; tokenSecret?: string; consumerSecret?: string } = {}): boolean {
  const oauth = parseOAuthHeader(header)!;
  return oauth1SignatureMatches({ method, baseUri: `${url.origin}${url.pathname}`, query: url.searchParams, form: options.form, oauth }, options.consumerSecret ?? consumer.secret, options.tokenSecret ?? token.secret);
}

describe('OAuth 1.0a signatures', () => {
  it('covers the query as the server reads it, spaces and reserved characters included', () => {
    const url = new URL('https://api.trello.com/1/cards');
    url.searchParams.set('name', 'Plan the offsite + book (venue)!');
    url.searchParams.set('desc', "50% done * ~ 'x' é 😀");
    url.searchParams.set('idList', '60a1b2c3d4e5f60718293a4b');
    expect(url.search).toContain('+'); // how URLSearchParams writes a space
    const header = signOAuth1Request(consumer, { method: 'POST', url, token });
    expect(verify('POST', url, header)).toBe(true);
    expect(verify('PUT', url, header)).toBe(false);
    expect(verify('POST', url, header, { tokenSecret: 'another' })).toBe(false);
    const other = new URL(url);
    other.searchParams.set('name', 'Plan the offsite');
    expect(verify('POST', other, header)).toBe(false);
  });

  it('covers repeated parameters and a form body, and the protocol parameters it adds', () => {
    const url = new URL('https://trello.com/1/OAuthGetAccessToken?b=2&a=1&a=0');
    const form = new URLSearchParams({ text: 'a comment with spaces' });
    const header = signOAuth1Request(consumer, { method: 'POST', url, token, form, oauthParams: { oauth_verifier: 'v123' } });
    expect(parseOAuthHeader(header)).toMatchObject({ oauth_consumer_key: 'consumer-key', oauth_token: 'ATTA-token', oauth_verifier: 'v123', oauth_signature_method: 'HMAC-SHA1', oauth_version: '1.0' });
    expect(verify('POST', url, header, { form: Object.fromEntries(form) })).toBe(true);
    expect(verify('POST', url, header)).toBe(false);
  });

  it('signs a request token request with the consumer alone, oauth_callback signed and sent', () => {
    const url = new URL('https://trello.com/1/OAuthGetRequestToken');
    const callback = 'https://app.example.com/onbehalf/callback/trello?state=abc-123';
    const header = signOAuth1Request(consumer, { method: 'POST', url, oauthParams: { oauth_callback: callback } });
    const oauth = parseOAuthHeader(header)!;
    expect(oauth.oauth_callback).toBe(callback);
    expect(oauth.oauth_token).toBeUndefined();
    expect(verify('POST', url, header, { tokenSecret: '' })).toBe(true);
    expect(verify('POST', url, header, { tokenSecret: '', consumerSecret: 'wrong' })).toBe(false);
    expect(header).not.toContain(consumer.secret);
  });
});
