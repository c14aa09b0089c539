import { describe, expect, it } from 'vitest';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { path } from './path.ts';

/** The call as a promise, so a throw becomes a rejection expectOnBehalfError can read. */
const attempt = (run: () => string) => new Promise<string>((resolve) => resolve(run()));

describe('path', () => {
  it('encodes each value as exactly one path segment', () => {
    expect(path`/repos/${'acme'}/${'platform'}/issues`).toBe('/repos/acme/platform/issues');
    expect(path`/repos/${'../../admin'}/${'a/../../b'}/issues`).toBe('/repos/..%2F..%2Fadmin/a%2F..%2F..%2Fb/issues');
    expect(path`/calendars/${'nope@group.calendar.google.com'}/events`).toBe('/calendars/nope%40group.calendar.google.com/events');
    expect(path`/x/${'..\\..\\y'}/${'%2e%2e'}/${'q?a=1#f'}`).toBe('/x/..%5C..%5Cy/%252e%252e/q%3Fa%3D1%23f');
    expect(path`/issues/${42}`).toBe('/issues/42');
  });

  it('refuses values the URL parser would resolve or collapse (., .., empty) as TOOL_INPUT_INVALID', async () => {
    for (const value of ['.', '..', '']) {
      const error = await expectOnBehalfError(attempt(() => path`/repos/${value}/issues`), 'TOOL_INPUT_INVALID');
      expect(error.message).toMatch(/path segment/);
    }
  });
});
