import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagesApp, type PagesApp } from '../../test/support/pages-app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run); elsewhere the test runs when it is there.
const runs = existsSync(CHROMIUM) || process.env.CI === 'true';
const DOCS = fileURLToPath(new URL('../../../../docs/', import.meta.url));

describe.runIf(runs)('the connected-apps page and the admin dashboard in Chromium', () => {
  let app: PagesApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startPagesApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A fresh browser (its own cookies, so its own sandbox session) signed in to the app as `user`. */
  async function signIn(user: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${app.url}/signin?user=${user}`);
    return page;
  }

  /** Signs in at the sandbox and allows, as far as the sandbox asks, until the browser is back on the page with the outcome. */
  async function consentAtSandbox(page: Page, login: string): Promise<void> {
    // Back on the page means the outcome notice the callback's redirect brings (the page the
    // click left has the same heading).
    const back = page.getByRole('status');
    const userName = page.getByLabel('User name');
    const allow = page.getByRole('button', { name: 'Allow' });
    for (;;) {
      await back.or(userName).or(allow).first().waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
        throw new Error(`stuck at ${page.url()}: ${(await page.content()).slice(0, 2000)}`, { cause: error });
      });
      if (await back.isVisible()) return;
      if (await userName.isVisible()) {
        await userName.fill(login);
        await page.getByRole('button', { name: 'Sign in' }).click();
      } else {
        await allow.click();
      }
    }
  }

  /** The page never shows a secret: the client secret, the key, any token the account holds. */
  async function expectNoSecrets(page: Page, tokens: string[] = []): Promise<void> {
    const html = await page.content();
    for (const secret of [app.secrets.clientSecret, app.secrets.encryptionKey, app.secrets.apiKey, ...tokens]) expect(html).not.toContain(secret);
  }

  const card = (page: Page, connection: string) => page.locator(`section[data-connection="${connection}"]`);
  const screenshot = async (page: Page, name: string) => {
    if (!process.env.UPDATE_SCREENSHOT) return;
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: `${DOCS}${name}`, fullPage: true });
  };

  it('an end user connects and disconnects; a non-admin is refused; an admin finds an account, reads its audit trail and revokes it', async () => {
    // Nobody signed in: the page is about nobody.
    const anonymous = await (await browser.newContext()).newPage();
    expect((await anonymous.goto(`${app.baseUrl}/connections`))?.status()).toBe(401);
    await anonymous.context().close();

    const alice = await signIn('alice');
    await expect.poll(() => card(alice, 'demo').locator('.status').textContent()).toBe('Not connected');
    await alice.getByRole('link', { name: 'Connect Sandbox' }).click();
    await consentAtSandbox(alice, 'alice-at-sandbox');
    expect(await alice.getByRole('status').textContent()).toBe('Connected Sandbox.');
    expect(await card(alice, 'demo').locator('.status').textContent()).toBe('Connected');
    expect(await card(alice, 'demo').textContent()).toContain('Access granted: openid email');
    expect(await card(alice, 'notes').locator('.status').textContent()).toBe('Not connected');
    const aliceToken = (await app.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'alice' })).accessToken;
    await expectNoSecrets(alice, [aliceToken]);
    await screenshot(alice, 'connections-page.png');

    await alice.getByRole('button', { name: 'Disconnect Sandbox' }).click();
    expect(await alice.getByRole('status').textContent()).toBe('Disconnected Sandbox.');
    expect(await card(alice, 'demo').locator('.status').textContent()).toBe('Disconnected');
    expect((await app.ob.accounts.get({ connection: 'demo', identifier: 'alice' })).status).toBe('REVOKED');

    // The dashboard is not for Alice.
    const refused = await alice.goto(`${app.baseUrl}/admin`);
    expect(refused?.status()).toBe(403);
    expect(await alice.content()).not.toContain('alice-at-sandbox');

    const bob = await signIn('bob');
    await bob.getByRole('link', { name: 'Connect Sandbox' }).click();
    await consentAtSandbox(bob, 'bob-at-sandbox');
    expect(await card(bob, 'demo').locator('.status').textContent()).toBe('Connected');
    const bobToken = (await app.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'bob' })).accessToken;

    const admin = await signIn('admin');
    expect((await admin.goto(`${app.baseUrl}/admin`))?.status()).toBe(200);
    expect(await admin.getByRole('row', { name: /demo Sandbox oauth2/ }).textContent()).toContain(`${app.baseUrl}/callback/demo`);
    expect(await admin.getByLabel('Accounts per status').textContent()).toMatch(/ACTIVE 1.*REVOKED 1/);
    await screenshot(admin, 'admin-dashboard.png');
    await admin.getByLabel('Identifier').fill('bob');
    await admin.getByRole('button', { name: 'Filter' }).click();
    expect(await admin.getByRole('link', { name: 'alice' }).count()).toBe(0);
    await admin.getByRole('link', { name: 'bob' }).click();
    await admin.getByRole('heading', { name: 'Account bob · demo' }).waitFor();
    const trail = admin.getByRole('table', { name: 'Audit trail' });
    expect(await trail.textContent()).toContain('account.authorized');
    await expectNoSecrets(admin, [bobToken, aliceToken]);
    await screenshot(admin, 'admin-account.png');

    await admin.getByRole('button', { name: 'Revoke' }).click();
    expect(await admin.getByRole('status').textContent()).toBe('Account revoked.');
    expect(await admin.locator('dd .status').first().textContent()).toBe('REVOKED');
    expect(await trail.textContent()).toContain('account.revoked');
    expect((await app.ob.accounts.get({ connection: 'demo', identifier: 'bob' })).status).toBe('REVOKED');

    await bob.reload();
    expect(await card(bob, 'demo').locator('.status').textContent()).toBe('Disconnected');
    for (const context of contexts.splice(0)) await context.close();
  });

  it('a person connects a second account of one service and sees each with its provider identity', async () => {
    const dave = await signIn('dave');
    await dave.getByRole('link', { name: 'Connect Sandbox' }).click();
    await consentAtSandbox(dave, 'dave-home');
    // A fresh sandbox session, so the second consent signs in there as someone else.
    await dave.context().clearCookies();
    await dave.goto(`${app.url}/signin?user=dave`);
    await dave.getByRole('link', { name: 'Connect another Sandbox account' }).click();
    await consentAtSandbox(dave, 'dave-work');
    expect(await dave.getByRole('status').textContent()).toBe('Connected Sandbox.');
    const home = dave.locator('section[data-connection="demo"]:not([data-alias])');
    const work = dave.locator('section[data-connection="demo"][data-alias="account-2"]');
    expect(await work.locator('.status').textContent()).toBe('Connected');
    expect(await work.locator('h2').textContent()).toBe('Sandbox (account-2)');
    expect(await work.locator('.identity').textContent()).toContain('dave-work');
    expect(await home.locator('.identity').textContent()).toContain('dave-home');
    expect((await app.ob.accounts.get({ connection: 'demo', identifier: 'dave', alias: 'account-2' })).identity).toMatchObject({ subject: 'dave-work' });

    await dave.getByRole('button', { name: 'Disconnect Sandbox (account-2)' }).click();
    expect(await dave.getByRole('status').textContent()).toBe('Disconnected Sandbox.');
    expect(await work.locator('.status').textContent()).toBe('Disconnected');
    expect(await home.locator('.status').textContent()).toBe('Connected');
    expect((await app.ob.accounts.get({ connection: 'demo', identifier: 'dave' })).status).toBe('ACTIVE');
    await expectNoSecrets(dave, [(await app.ob.accounts.getAccessToken({ connection: 'demo', identifier: 'dave' })).accessToken]);
    await screenshot(dave, 'connections-page-two-accounts.png');
    for (const context of contexts.splice(0)) await context.close();
  });

  // Chromium, unlike a hand-made Request, sends `Origin: null` with a POST from a page under
  // `Referrer-Policy: no-referrer`, and stops a submit whose answer redirects off the page's CSP
  // `form-action 'self'`: both forms must still get the person connected.
  it('the hosted forms work in a browser: an API key, and a value the provider needs before consent', async () => {
    const carol = await signIn('carol');
    await carol.getByRole('link', { name: 'Connect Notes' }).click();
    await carol.getByLabel('API key').fill(app.secrets.apiKey);
    await carol.getByRole('button', { name: 'Connect Notes' }).click();
    expect(await carol.getByRole('status').textContent()).toBe('Connected Notes.');
    expect(await card(carol, 'notes').locator('.status').textContent()).toBe('Connected');
    expect(await app.ob.accounts.getCredentials({ connection: 'notes', identifier: 'carol' })).toMatchObject({ apiKey: app.secrets.apiKey });

    await carol.getByRole('link', { name: 'Connect Team' }).click();
    await carol.getByLabel('Workspace').fill('acme');
    await carol.getByRole('button', { name: 'Connect Team' }).click();
    await consentAtSandbox(carol, 'carol-at-sandbox');
    expect(await carol.getByRole('status').textContent()).toBe('Connected Team.');
    expect(await app.ob.accounts.get({ connection: 'team', identifier: 'carol' })).toMatchObject({ status: 'ACTIVE', values: { workspace: 'acme' } });
    await expectNoSecrets(carol, [(await app.ob.accounts.getAccessToken({ connection: 'team', identifier: 'carol' })).accessToken]);
    for (const context of contexts.splice(0)) await context.close();
  });
});
