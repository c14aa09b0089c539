import { describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { resolveApiBaseUrl } from './api-auth.ts';

const provider = (pattern?: string) => defineProvider({
  id: 'tenanted',
  name: 'Tenanted',
  auth: { type: 'api_key', fields: [{ name: 'workspace', label: 'Workspace', required: true, ...(pattern ? { pattern } : {}) }, { name: 'apiKey', label: 'Key', required: true, secret: true }] },
  api: { baseUrl: 'https://{workspace}.example.com/api/' },
});

/** The call as a promise, so a throw becomes a rejection expectOnBehalfError can read. */
const attempt = (run: () => string) => new Promise<string>((resolve) => resolve(run()));

describe('resolveApiBaseUrl', () => {
  it('fills placeholders from the account fields', () => {
    expect(resolveApiBaseUrl(provider(), {}, { workspace: 'acme' })).toBe('https://acme.example.com/api');
    expect(resolveApiBaseUrl(provider(), { apiBaseUrl: 'https://eu.example.com/{workspace}' }, { workspace: 'acme-2' })).toBe('https://eu.example.com/acme-2');
  });

  it('refuses a value that is not one host label (a field without a pattern) as INVALID_CREDENTIALS naming the field, not the value', async () => {
    for (const workspace of ['bad host', 'evil.example', 'x@evil.example', 'a/b', '..', '-x', 'ü']) {
      for (const endpoints of [{}, { apiBaseUrl: 'https://eu.example.com/{workspace}' }]) {
        const error = await expectOnBehalfError(attempt(() => resolveApiBaseUrl(provider(), endpoints, { workspace })), 'INVALID_CREDENTIALS');
        expect(error.message).toContain("'workspace'");
        expect(error.message).not.toContain(workspace);
      }
    }
  });

  it('lets the field\'s own pattern decide, but never builds a URL that does not parse', async () => {
    expect(resolveApiBaseUrl(provider('^[a-z.]+$'), {}, { workspace: 'eu.acme' })).toBe('https://eu.acme.example.com/api');
    await expectOnBehalfError(attempt(() => resolveApiBaseUrl(provider('.*'), {}, { workspace: 'bad host' })), 'INVALID_CREDENTIALS');
  });
});
