import { describe, expect, it } from 'vitest';
import { InsufficientScopesError } from '../errors.ts';
import { defineProvider } from '../providers/index.ts';
import { missingScopesOf, providerApiError } from './provider-api-error.ts';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const provider = defineProvider({ id: 'p', name: 'P', auth: { type: 'oauth2', authorizationUrl: 'https://p.test/a', tokenUrl: 'https://p.test/t' }, api: { baseUrl: 'https://p.test' } });

describe('a provider refusing for scope', () => {
  it('reads the refusals the providers document as missing scopes', () => {
    // RFC 6750 §3.1, as Google sends it beside its JSON body.
    expect(missingScopesOf(json(403, {}, { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://www.googleapis.com/auth/gmail.send https://mail.google.com/"' }), {}))
      .toEqual(['https://www.googleapis.com/auth/gmail.send', 'https://mail.google.com/']);
    // Google's body: errors[].reason, and the newer details[].reason.
    const google = { error: { code: 403, message: 'Request had insufficient authentication scopes.', status: 'PERMISSION_DENIED', errors: [{ reason: 'insufficientPermissions', domain: 'global' }] } };
    expect(missingScopesOf(json(403, google), google)).toEqual([]);
    const googleDetails = { error: { code: 403, status: 'PERMISSION_DENIED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] } };
    expect(missingScopesOf(json(403, googleDetails), googleDetails)).toEqual([]);
    // GitHub: the scopes the endpoint accepts against the token's, on a 404 too.
    expect(missingScopesOf(json(404, { message: 'Not Found' }, { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'read:user, gist' }), {})).toEqual(['repo']);
    // OAuth-style body (GitLab's OAuth layer).
    expect(missingScopesOf(json(403, { error: 'insufficient_scope' }), { error: 'insufficient_scope' })).toEqual([]);
  });

  it('leaves every other refusal alone', () => {
    expect(missingScopesOf(json(403, { message: 'Forbidden' }), { message: 'Forbidden' })).toBeUndefined();
    expect(missingScopesOf(json(404, {}, { 'x-accepted-oauth-scopes': 'repo', 'x-oauth-scopes': 'repo, gist' }), {})).toBeUndefined();
    expect(missingScopesOf(json(400, { error: 'insufficient_scope' }), { error: 'insufficient_scope' })).toBeUndefined();
    const notScope = { error: { code: 403, errors: [{ reason: 'rateLimitExceeded' }] } };
    expect(missingScopesOf(json(403, notScope), notScope)).toBeUndefined();
  });

  it('becomes INVALID_PERMISSIONS naming the missing scopes', async () => {
    const error = await providerApiError({ provider, response: json(403, {}, { 'www-authenticate': 'Bearer error="insufficient_scope", scope="files.write"' }), method: 'POST', url: new URL('https://p.test/files') });
    expect(error).toBeInstanceOf(InsufficientScopesError);
    expect(error).toMatchObject({ code: 'INVALID_PERMISSIONS', status: 403, missingScopes: ['files.write'], details: { provider: 'p', status: 403, method: 'POST', path: '/files' } });
    expect(error.message).toContain('files.write');
  });
});
