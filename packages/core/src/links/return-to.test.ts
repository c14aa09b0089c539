import { describe, expect, it } from 'vitest';
import { resolveReturnTo } from './return-to.ts';
import { OnBehalfError } from '../errors.ts';

const BASE_URL = 'http://app.test/onbehalf';

/** What a browser does with the Location it is finally sent to: the host it lands on. */
const hostReached = (href: string, app = 'http://app.test/') => new URL(new URL(href).pathname, app).host;

describe('resolveReturnTo', () => {
  const kept: Array<[string, string]> = [
    ['/settings', 'http://app.test/settings'],
    ['/settings/integrations?tab=mail#top', 'http://app.test/settings/integrations?tab=mail#top'],
    ['http://app.test/x', 'http://app.test/x'],
    ['settings', 'http://app.test/settings'],
    ['/a//b', 'http://app.test/a//b'],
    ['/next?to=//evil.example', 'http://app.test/next?to=//evil.example'],
    ['http:settings', 'http://app.test/settings'],
  ];
  it.each(kept)('keeps %s as %s', (returnTo, expected) => {
    expect(resolveReturnTo(returnTo, BASE_URL)).toBe(expected);
  });

  // A path that starts with `//` is a protocol-relative URL to whatever reads it as a reference
  // (the app's own trailing-slash or login redirects): it gets a single leading slash.
  const normalised: Array<[string, string]> = [
    ['/.//evil.example', 'http://app.test/evil.example'],
    ['/x/..//evil.example', 'http://app.test/evil.example'],
    ['/./../..//evil.example/x?y=1', 'http://app.test/evil.example/x?y=1'],
    ['/.///evil.example', 'http://app.test/evil.example'],
    ['.//evil.example', 'http://app.test/evil.example'],
    ['x/..//evil.example', 'http://app.test/evil.example'],
    ['/%2e//evil.example', 'http://app.test/evil.example'],
    ['/x/%2E%2E//evil.example', 'http://app.test/evil.example'],
    ['http://app.test//evil.example', 'http://app.test/evil.example'],
    ['http://app.test/.//evil.example/', 'http://app.test/evil.example/'],
  ];
  it.each(normalised)('normalises %s to %s', (returnTo, expected) => {
    const resolved = resolveReturnTo(returnTo, BASE_URL)!;
    expect(resolved).toBe(expected);
    expect(hostReached(resolved)).toBe('app.test');
  });

  const refused = [
    '//evil.example',
    '///evil.example',
    'https://evil.example/steal',
    'http://app.test:8080/x',
    'https://app.test/x',
    'javascript:alert(1)',
    // Backslashes are slashes to browsers and to WHATWG URL parsing of http(s) URLs.
    '\\\\evil.example',
    '/\\evil.example',
    '/.\\/evil.example',
    // Encoded slashes and backslashes, once or twice: the app may decode them into separators.
    '/%2F%2Fevil.example',
    '/%2fevil.example',
    '/%5Cevil.example',
    '/.%2F%2Fevil.example',
    '/%252F%252Fevil.example',
    '/x/%5c%5cevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
  ];
  it.each(refused)('refuses %j', (returnTo) => {
    let error: unknown;
    try {
      resolveReturnTo(returnTo, BASE_URL);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnBehalfError);
    expect((error as OnBehalfError).code).toBe('INVALID_RETURN_TO');
  });

  it('has nothing to resolve when none is given', () => {
    for (const returnTo of [undefined, null, '']) expect(resolveReturnTo(returnTo, BASE_URL)).toBeNull();
  });
});
