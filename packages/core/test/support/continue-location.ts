import { expect } from 'vitest';

/**
 * Where the page that follows a submitted values form sends the browser on (the provider's
 * consent URL): its meta refresh, which must agree with its visible link.
 */
export async function continueLocation(response: Response): Promise<URL> {
  expect(response.status).toBe(200);
  const html = await response.text();
  const unescape = (value: string) => value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html)?.[1];
  const link = /<a href="([^"]+)">Continue to /.exec(html)?.[1];
  expect(refresh).toBeDefined();
  expect(link).toBe(refresh);
  return new URL(unescape(refresh!));
}
