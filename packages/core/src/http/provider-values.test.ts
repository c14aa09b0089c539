import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import { OnBehalfError } from '../errors.ts';
import { testDialects } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { continueLocation } from '../../test/support/continue-location.ts';
import { consentWithCode, startWireServer, type WireServer } from '../../test/support/provider-wire-server.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

const BASE_URL = 'http://localhost:3000/onbehalf';

/**
 * Values before and after consent, end to end: a connection setting (`region`) and a pre-consent
 * field (`site`) in the OAuth URLs, a value captured after consent (`pod`) in the API URL, the
 * hosted page asking for a missing field, and values that try to point elsewhere refused before
 * anything is sent.
 */
describe.each(testDialects)('per-connection settings and per-account values [%s]', (dialect) => {
  let wire: WireServer;
  let t: TestOnBehalf;
  let issued = 0;

  beforeAll(async () => {
    wire = await startWireServer({
      'POST /eu/acme/oauth/token': ({ body }) => {
        issued += 1;
        if (body.grant_type === 'refresh_token') return { body: { access_token: `at-${issued}`, token_type: 'bearer', expires_in: 3600, refresh_token: `rt-${issued}` } };
        return body.code === 'good'
          ? { body: { access_token: `at-${issued}`, token_type: 'bearer', expires_in: 3600, refresh_token: `rt-${issued}`, pod_hint: 'from-token' } }
          : { status: 400, body: { error: 'invalid_grant' } };
      },
      'GET /eu/acme/api/whoami': ({ headers }) => (headers.authorization?.startsWith('Bearer at-') ? { body: { pod: 'pod7' } } : { status: 401, body: {} }),
      'GET /eu/acme/pod7/api/items': ({ headers }) => ({ body: { items: [], auth: headers.authorization } }),
    });
    const origin = wire.url;
    const regional = defineProvider({
      id: 'regional',
      name: 'Regional',
      settings: [{ name: 'region', label: 'Region', pattern: '^(eu|us)$', default: 'us' }],
      auth: {
        type: 'oauth2',
        authorizationUrl: `${origin}/{region}/{site}/oauth/authorize`,
        tokenUrl: `${origin}/{region}/{site}/oauth/token`,
        tokenEndpointAuthMethod: 'client_secret_post',
        fields: [{ name: 'site', label: 'Your site', required: true, pattern: '^[a-z0-9-]{1,40}$' }],
        accountValues: [{ name: 'pod', label: 'Pod', pattern: '^pod[0-9]+$' }],
        async afterConsent({ fetch, tokenResponse, values }) {
          expect(values).toMatchObject({ region: 'eu', site: 'acme' });
          expect(tokenResponse.access_token).toEqual(expect.any(String));
          // The API URL needs the pod this call finds out, so it is called by its absolute URL.
          const who = (await (await fetch(`${origin}/${values.region}/${values.site}/api/whoami`)).json()) as { pod: string };
          return { pod: who.pod };
        },
      },
      api: { baseUrl: `${origin}/{region}/{site}/{pod}/api` },
    });
    const podless = defineProvider({
      id: 'podless',
      name: 'Podless',
      settings: [{ name: 'region', label: 'Region', pattern: '^(eu|us)$', default: 'us' }],
      auth: {
        type: 'oauth2',
        authorizationUrl: `${origin}/{region}/{site}/oauth/authorize`,
        tokenUrl: `${origin}/{region}/{site}/oauth/token`,
        tokenEndpointAuthMethod: 'client_secret_post',
        fields: [{ name: 'site', label: 'Your site', required: true, pattern: '^[a-z0-9-]{1,40}$' }],
        afterConsent: () => ({ pod: '../admin' }),
      },
      api: { baseUrl: `${origin}/{region}/{site}/{pod}/api` },
    });
    t = await createTestOnBehalf(dialect, {
      baseUrl: BASE_URL,
      providers: [regional, podless],
      connections: [
        { name: 'regional', provider: 'regional', clientId: 'cid', clientSecret: 'csecret', settings: { region: 'eu' } },
        { name: 'podless', provider: 'podless', clientId: 'cid', clientSecret: 'csecret', settings: { region: 'eu' } },
      ],
    });
  });
  afterAll(async () => {
    await t?.cleanup();
    await wire?.close();
  });

  it('checks connection settings and applies their defaults', async () => {
    expect((await t.ob.connections.get('regional')).settings).toEqual({ region: 'eu' });
    expect((await t.ob.connections.upsert({ name: 'other', provider: 'regional', clientId: 'x' })).settings).toEqual({ region: 'us' });
    await expectOnBehalfError(t.ob.connections.upsert({ name: 'bad', provider: 'regional', clientId: 'x', settings: { region: 'evil.example#' } }), 'CONNECTION_INVALID');
    await expectOnBehalfError(t.ob.connections.upsert({ name: 'bad', provider: 'regional', clientId: 'x', settings: { nope: 'x' } }), 'CONNECTION_INVALID');
  });

  it('puts settings and link fields in the OAuth URLs, captures values after consent and uses them in API URLs and refresh', async () => {
    const { authorizationUrl, callback } = await consentWithCode(t.ob, { connection: 'regional', identifier: 'u1', code: 'good', fields: { site: 'acme' } });
    expect(authorizationUrl.pathname).toBe('/eu/acme/oauth/authorize');
    expect(callback.status).toBe(200);
    const account = await t.ob.accounts.get({ connection: 'regional', identifier: 'u1' });
    expect(account).toMatchObject({ status: 'ACTIVE', values: { site: 'acme', pod: 'pod7' } });
    const response = await t.ob.fetch({ connection: 'regional', identifier: 'u1' }, '/items');
    expect(await response.json()).toMatchObject({ items: [] });
    expect(wire.requests('GET /eu/acme/pod7/api/items')).toHaveLength(1);
    const refreshed = await t.ob.accounts.refresh({ connection: 'regional', identifier: 'u1' });
    expect(refreshed.accessToken).toMatch(/^at-/);
    expect(wire.requests('POST /eu/acme/oauth/token').map((r) => r.body.grant_type)).toEqual(['authorization_code', 'refresh_token']);
  });

  it('asks for a missing field on the hosted page (CSRF-protected), then goes on to the provider', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'regional', identifier: 'u2' });
    const page = await t.ob.handler(new Request(link));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="site"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const post = (site: string, token = csrf) => t.ob.handler(new Request(link, {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, site }).toString(),
    }));
    expect((await post('acme', 'forged')).status).toBe(403);
    const before = wire.seen.length;
    const bad = await post('x.example.com@evil');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('site has an invalid format');
    const good = await post('acme');
    expect((await continueLocation(good)).pathname).toBe('/eu/acme/oauth/authorize');
    expect(wire.seen.length).toBe(before);
  });

  it.each(['evil.example#', 'x.zendesk.com@evil', '../', '..', 'a/b'])('refuses the pre-consent value %j before anything is sent', async (site) => {
    const before = wire.seen.length;
    await expectOnBehalfError(t.ob.accounts.authorizationLink({ connection: 'regional', identifier: 'u3', fields: { site } }), 'INVALID_INPUT');
    expect(wire.seen.length).toBe(before);
  });

  it('refuses a captured value that would move the API URL elsewhere, and leaves the account unconnected', async () => {
    const { callback } = await consentWithCode(t.ob, { connection: 'podless', identifier: 'u4', code: 'good', fields: { site: 'acme' } });
    expect(callback.status).toBe(502);
    expect(await t.ob.accounts.get({ connection: 'podless', identifier: 'u4' })).toMatchObject({ status: 'PENDING', values: {} });
  });

  it('refuses fields for a provider that declares none', async () => {
    await t.ob.connections.upsert({ name: 'plain', provider: 'github', clientId: 'gh' });
    const error = await expectOnBehalfError(t.ob.accounts.authorizationLink({ connection: 'plain', identifier: 'u5', fields: { site: 'acme' } }), 'INVALID_INPUT');
    expect(error).toBeInstanceOf(OnBehalfError);
  });
});
