import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExample, type RunningExample } from './start-example.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// CI installs Debian's chromium (.ci/run); elsewhere the test runs when it is there.
const runs = existsSync(CHROMIUM) || process.env.CI === 'true';

describe.runIf(runs)('the Next.js example in a real browser', () => {
  let app: RunningExample;
  let browser: Browser;
  beforeAll(async () => {
    app = await startExample();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('Connect → sandbox consent → ACTIVE → ask the agent (useChat) → emails; then Disconnect', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(app.url);
    expect(await page.getByTestId('user').textContent()).toBe('demo-user');
    await expect.poll(() => page.getByTestId('status-gmail').textContent()).toBe('NOT_CONNECTED');
    await expect.poll(() => page.getByTestId('model').textContent()).toContain('offline stand-in model');

    await page.getByRole('button', { name: 'Connect gmail' }).click();
    // The sandbox's sign-in and consent pages.
    await page.getByLabel('User name').fill('demo-user');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForURL(`${app.url}/`);
    await expect.poll(() => page.getByTestId('status-gmail').textContent()).toBe('ACTIVE');
    await expect.poll(() => page.locator('#notice').textContent()).toBe('Connected gmail.');

    await page.getByPlaceholder('show my last 5 unread emails').fill('show my last 5 unread emails');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByTestId('answer').textContent(), { timeout: 30_000 }).toContain('gmail_fetch_mails found');
    expect(await page.getByTestId('tool-call').first().textContent()).toContain('gmail_fetch_mails');
    expect(await page.getByTestId('tool-call').first().textContent()).toContain('"query":"is:unread"');
    const unread = await page.getByTestId('answer').textContent();
    expect(unread?.split('\n').filter((line) => /^\d+\. ●/.test(line)).length).toBeGreaterThan(0);
    expect(new Set(app.sandbox.mocks.requests.filter((r) => r.api === 'gmail').map((r) => r.sub))).toEqual(new Set(['demo-user']));

    if (process.env.UPDATE_SCREENSHOT) {
      const dir = fileURLToPath(new URL('../../../docs/', import.meta.url));
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: `${dir}demo-next-ai-sdk.png`, fullPage: true });
    }

    await page.getByRole('button', { name: 'Disconnect gmail' }).click();
    await expect.poll(() => page.getByTestId('status-gmail').textContent()).toBe('REVOKED');
    await expect.poll(() => page.locator('#notice').textContent()).toBe('Disconnected gmail.');
    await page.close();
  });
});
