import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProvider } from '../providers/index.ts';
import type { OnBehalf } from '../create-on-behalf.ts';
import { testDialects } from '../../test/support/databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';

const BASE_URL = 'http://app.test/onbehalf';

/** A form as a browser holds it after opening the link: the CSRF token and the cookie beside it. */
async function openForm(ob: OnBehalf, link: string): Promise<{ csrf: string; cookie: string }> {
  const page = await ob.handler(new Request(link));
  expect(page.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { csrf, cookie };
}

function submit(ob: OnBehalf, link: string, form: { csrf: string; cookie: string }, apiKey: string, headers: Record<string, string> = { origin: 'http://app.test' }): Promise<Response> {
  return ob.handler(new Request(link, {
    method: 'POST',
    headers: { ...headers, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: form.csrf, apiKey }).toString(),
  }));
}

describe.each(testDialects)('the hosted credential form [%s]', (dialect) => {
  let api: Server;
  let t: TestOnBehalf;
  /** Verify requests held until `release` is called, so two submits can be lined up. */
  let held: ServerResponse[] = [];
  let holding = false;
  let arrived: () => void = () => {};

  beforeAll(async () => {
    // Accepts any key that starts with "good-" at /me.
    api = createServer((req, res) => {
      const ok = req.url === '/me' && /^Bearer good-/.test(req.headers.authorization ?? '');
      res.statusCode = ok ? 200 : 401;
      if (!holding) return void res.end();
      held.push(res);
      arrived();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const keyed = defineProvider({
      id: 'keyed',
      name: 'Keyed',
      auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' },
      api: { baseUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}`, verify: { path: '/me' } },
    });
    t = await createTestOnBehalf(dialect, { baseUrl: BASE_URL, providers: [keyed], connections: [{ name: 'keys', provider: 'keyed' }] });
  });
  afterAll(async () => {
    await t?.cleanup();
    await new Promise<void>((resolve) => api.close(() => resolve()));
  });

  /** Lets `count` verify requests reach the key API, then answers them all at once. */
  async function lineUp<T>(count: number, start: () => Promise<T>[], whileHeld: () => Promise<unknown> = async () => {}): Promise<T[]> {
    holding = true;
    held = [];
    const allArrived = new Promise<void>((resolve) => {
      arrived = () => held.length === count && resolve();
    });
    const pending = start();
    await allArrived;
    await whileHeld();
    holding = false;
    for (const res of held) res.end();
    return Promise.all(pending);
  }

  it('two concurrent submits of one link: one is connected and its key is the stored one, the other is told the link was used', async () => {
    // A second instance on the same database plays the second process behind a load balancer.
    const other = await t.reopen();
    for (let round = 0; round < 5; round++) {
      const identifier = `race_${round}`;
      const { link } = await t.ob.accounts.authorizationLink({ connection: 'keys', identifier });
      const first = await openForm(t.ob, link);
      const second = await openForm(other, link);
      const [a, b] = await lineUp(2, () => [submit(t.ob, link, first, 'good-first'), submit(other, link, second, 'good-second')]);
      const outcomes = await Promise.all([a!, b!].map(async (response) => ({ status: response.status, text: await response.text() })));
      const winner = outcomes.findIndex((o) => o.status === 200);
      expect(outcomes.map((o) => o.status).sort()).toEqual([200, 410]);
      expect(outcomes[winner]!.text).toContain('Connected');
      expect(outcomes[1 - winner]!.text).toContain('already been used');
      const credentials = await t.ob.accounts.getCredentials({ connection: 'keys', identifier });
      expect(credentials).toMatchObject({ type: 'api_key', apiKey: winner === 0 ? 'good-first' : 'good-second' });
    }
  });

  it('a submit that cannot store gives the link back, so the person can submit again', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'suspended_midway' });
    const form = await openForm(t.ob, link);
    // The app suspends the account while the key is being checked at the provider.
    const [refused] = await lineUp(1, () => [submit(t.ob, link, form, 'good-key')], () => t.ob.accounts.suspend({ connection: 'keys', identifier: 'suspended_midway' }));
    expect(refused!.status).toBe(403);
    await t.ob.accounts.resume({ connection: 'keys', identifier: 'suspended_midway' });
    const again = await submit(t.ob, link, form, 'good-key');
    expect(again.status).toBe(200);
    expect(await t.ob.accounts.getCredentials({ connection: 'keys', identifier: 'suspended_midway' })).toMatchObject({ apiKey: 'good-key' });
  });

  it('a body the browser stopped sending midway is a bad request, not a failure of ours', async () => {
    const { link } = await t.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'cut_short' });
    const form = await openForm(t.ob, link);
    // What the Node bridge hands over when the client goes away mid-body: a stream that errors.
    const cut = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`_csrf=${encodeURIComponent(form.csrf)}&apiKey=go`));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const response = await t.ob.handler(new Request(link, {
      method: 'POST',
      headers: { origin: 'http://app.test', cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: cut,
      duplex: 'half',
    } as RequestInit));
    expect(response.status).toBe(400);
    expect((await t.ob.accounts.get({ connection: 'keys', identifier: 'cut_short' })).status).toBe('PENDING');
  });

  describe('where the submit came from', () => {
    const fromOwnPage = 'This form can only be sent from its own page.';
    // [case, headers, status]: a valid form token and cookie go with every one of them.
    const cases: Array<[string, Record<string, string>, number]> = [
      ['its own origin', { origin: 'http://app.test' }, 200],
      ['its own origin, same-origin fetch metadata', { origin: 'http://app.test', 'sec-fetch-site': 'same-origin' }, 200],
      ['an opaque origin (sandboxed frame, data: URL)', { origin: 'null' }, 403],
      ['an opaque origin, cross-site fetch metadata', { origin: 'null', 'sec-fetch-site': 'cross-site' }, 403],
      ['Origin null with same-origin fetch metadata (its own page under Referrer-Policy: no-referrer)', { origin: 'null', 'sec-fetch-site': 'same-origin' }, 200],
      ['another site', { origin: 'http://evil.example' }, 403],
      ['a look-alike host', { origin: 'http://app.test.evil.example' }, 403],
      ['another scheme', { origin: 'https://app.test' }, 403],
      ['its own origin, but cross-site fetch metadata', { origin: 'http://app.test', 'sec-fetch-site': 'cross-site' }, 403],
      ['no Origin, same-origin fetch metadata', { 'sec-fetch-site': 'same-origin' }, 200],
      ['no Origin, cross-site fetch metadata', { 'sec-fetch-site': 'cross-site' }, 403],
      ['no Origin, same-site fetch metadata (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }, 403],
      ['no Origin, fetch metadata none (not a form on a page)', { 'sec-fetch-site': 'none' }, 403],
      ['neither header (an old browser or a privacy proxy): the form token decides', {}, 200],
    ];
    it.each(cases)('%s', async (name, headers, status) => {
      const identifier = `origin_${cases.findIndex(([n]) => n === name)}`;
      const { link } = await t.ob.accounts.authorizationLink({ connection: 'keys', identifier });
      const response = await submit(t.ob, link, await openForm(t.ob, link), 'good-key', headers);
      const text = await response.text();
      expect(response.status).toBe(status);
      if (status === 403) expect(text).toContain(fromOwnPage);
      expect((await t.ob.accounts.get({ connection: 'keys', identifier })).status).toBe(status === 200 ? 'ACTIVE' : 'PENDING');
    });

    it('without either header, a submit without the form token and its cookie is still refused', async () => {
      const { link } = await t.ob.accounts.authorizationLink({ connection: 'keys', identifier: 'origin_no_token' });
      const form = await openForm(t.ob, link);
      expect((await submit(t.ob, link, { ...form, csrf: '' }, 'good-key', {})).status).toBe(403);
      expect((await submit(t.ob, link, { ...form, cookie: '' }, 'good-key', {})).status).toBe(403);
      expect((await t.ob.accounts.get({ connection: 'keys', identifier: 'origin_no_token' })).status).toBe('PENDING');
    });
  });
});
