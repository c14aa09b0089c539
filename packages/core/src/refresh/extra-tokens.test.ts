import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineProvider } from '../providers/index.ts';
import { defineTool } from '../tools/index.ts';
import { consentWithCode, startWireServer, type WireRequest, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

/**
 * The extra tokens of a grant (Slack's bot token beside the user's) are refreshed with the
 * account's token under its lease. Here against a provider whose token answer carries three of
 * them: an outage of one keeps it (and its rotated refresh token) and retries after a backoff;
 * extras that no longer fit in the lease after the calls before them wait for the next refresh.
 */

const TOKEN_TIMEOUT_SECONDS = 2;
const LEASE_SECONDS = 2 * TOKEN_TIMEOUT_SECONDS + 5;

describe('extra tokens of a grant', () => {
  let t: TestOnBehalf;
  let server: WireServer;
  const live = new Map<string, string>(); // refresh token -> label
  const access = new Map<string, string>(); // access token -> label
  let minted = 0;
  let delayMs = 0;
  const failing = new Set<string>();

  const mint = (label: string) => {
    minted += 1;
    const token = { access_token: `${label}-access-${minted}`, refresh_token: `${label}-refresh-${minted}`, token_type: 'bearer', expires_in: 3600 };
    live.set(token.refresh_token, label);
    access.set(token.access_token, label);
    return token;
  };

  beforeAll(async () => {
    server = await startWireServer({
      'POST /token': async (request: WireRequest) => {
        if (request.body.grant_type === 'authorization_code') {
          return { body: { ...mint('main'), extras: { a: mint('a'), b: mint('b'), c: mint('c') } } };
        }
        const used = String(request.body.refresh_token);
        const label = live.get(used);
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (label && failing.has(label)) {
          // The provider rotated (the old refresh token is spent) and then failed to answer properly.
          live.delete(used);
          const rotated = mint(label);
          return { status: 200, body: { refresh_token: rotated.refresh_token, error: 'temporarily_unavailable' } };
        }
        if (!label || !live.delete(used)) return { status: 400, body: { error: 'invalid_grant' } };
        return { body: mint(label) };
      },
      'GET /whoami': (request) => ({ body: { label: access.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '') ?? null } }),
    });
    const provider = defineProvider({
      id: 'multi',
      name: 'Multi',
      auth: {
        type: 'oauth2',
        authorizationUrl: `${server.url}/authorize`,
        tokenUrl: `${server.url}/token`,
        tokenEndpointAuthMethod: 'client_secret_post',
        normalizeTokenResponse: ({ extras, ...raw }) => ({ ...raw, ...(extras ? { extra_tokens: extras } : {}) }),
      },
      api: { baseUrl: server.url },
    });
    const whoami = defineTool({
      name: 'multi_whoami',
      provider: 'multi',
      description: 'Which token a request went out with.',
      input: z.object({ token: z.string().optional() }),
      execute: ({ token }, ctx) => ctx.request<{ label: string | null }>('/whoami', token ? { token } : {}),
    });
    t = await createTestOnBehalf('sqlite', {
      providers: [provider],
      tools: [whoami],
      connections: [{ name: 'multi', provider: 'multi', clientId: 'c', clientSecret: 's' }],
      refresh: { tokenRequestTimeoutSeconds: TOKEN_TIMEOUT_SECONDS, leaseSeconds: LEASE_SECONDS },
    });
  });

  afterAll(async () => {
    await t?.cleanup();
    await server?.close();
  });

  const ref = (identifier: string) => ({ connection: 'multi', identifier });
  const refreshed = () => server.requests('POST /token').filter((r) => r.body.grant_type === 'refresh_token').map((r) => live.get(String(r.body.refresh_token)) ?? String(r.body.refresh_token).split('-')[0]);
  const whoami = async (identifier: string, token?: string) => (await t.ob.tools.execute<{ label: string | null }>({ identifier, tool: 'multi_whoami', input: token ? { token } : {} })).data.label;

  it('an extra token whose refresh fails is kept with the refresh token the answer carried, and renewed after the backoff', async () => {
    expect((await consentWithCode(t.ob, { connection: 'multi', identifier: 'ann', code: 'x' })).callback.status).toBe(200);
    expect(await whoami('ann', 'b')).toBe('b');
    failing.add('b');
    const before = refreshed().length;
    await t.ob.accounts.refresh(ref('ann'));
    failing.delete('b');
    expect(refreshed().slice(before)).toEqual(['main', 'a', 'b', 'c']);
    expect(await t.ob.accounts.get(ref('ann'))).toMatchObject({ status: 'ACTIVE' });
    // The old b token is still the one in use, and still honoured; a and c are renewed.
    expect(await whoami('ann', 'b')).toBe('b');
    expect(await whoami('ann', 'a')).toBe('a');
    // After the backoff the next refresh renews b with the rotated refresh token it kept.
    await expect.poll(async () => {
      await t.ob.accounts.refresh(ref('ann'));
      return refreshed().length - before;
    }, { timeout: 10_000, interval: 300 }).toBe(8);
    expect(await t.ob.accounts.get(ref('ann'))).toMatchObject({ status: 'ACTIVE' });
    expect(await whoami('ann', 'b')).toBe('b');
  });

  it('extras that no longer fit in the lease after slow calls wait for the next refresh', async () => {
    expect((await consentWithCode(t.ob, { connection: 'multi', identifier: 'bob', code: 'x' })).callback.status).toBe(200);
    const before = refreshed().length;
    // Each call takes 60% of the token timeout: after the account's and a's, one more call would
    // not leave the write its room in the lease.
    delayMs = TOKEN_TIMEOUT_SECONDS * 600;
    try {
      await t.ob.accounts.refresh(ref('bob'));
    } finally {
      delayMs = 0;
    }
    expect(refreshed().slice(before)).toEqual(['main', 'a']);
    expect(await t.ob.accounts.get(ref('bob'))).toMatchObject({ status: 'ACTIVE' });
    expect(await whoami('bob', 'c')).toBe('c');
  });
});
