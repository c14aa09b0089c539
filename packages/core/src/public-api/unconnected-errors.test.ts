import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthorizationRequiredError } from '../errors.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { defineProvider } from '../providers/index.ts';

/** An API-key provider of the test's own, so the hosted form serves its links. */
const keyedProvider = defineProvider({ id: 'keyed', name: 'Keyed', auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' }, api: { baseUrl: 'https://keyed.example' } });

/** getAccessToken / getCredentials for a connection that does not exist, and for a user who has not connected. */
describe('reading credentials nobody connected', () => {
  let t: TestOnBehalf;
  beforeEach(async () => {
    t = await createTestOnBehalf('sqlite', {
      providers: [keyedProvider],
      connections: [
        { name: 'gmail', provider: 'gmail', clientId: 'gmail-client', clientSecret: 'gmail-secret' },
        { name: 'keyed', provider: 'keyed' },
      ],
    });
  });
  afterEach(() => t.cleanup());

  it('says CONNECTION_NOT_FOUND for an unknown connection, listing the configured ones', async () => {
    const error = await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'gmial', identifier: 'user_1' }), 'CONNECTION_NOT_FOUND');
    expect(error.message).toBe("No connection named 'gmial'. Configured connections: gmail, keyed.");
    await expectOnBehalfError(t.ob.accounts.getCredentials({ connection: 'gmial', identifier: 'user_1' }), 'CONNECTION_NOT_FOUND');
  });

  it('names the connection and the identifier and carries a link when the user has not connected', async () => {
    const error = await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'gmail', identifier: 'user_1' }), 'AUTHORIZATION_REQUIRED');
    expect(error).toBeInstanceOf(AuthorizationRequiredError);
    const required = error as AuthorizationRequiredError;
    expect(required.message).toContain("'user_1'");
    expect(required.message).toContain("'gmail'");
    expect(required.accountStatus).toBe('PENDING');
    expect(required.authorizationLink).toMatch(/^http:\/\/localhost:3000\/onbehalf\/authorize\/[\w-]{43}$/);
    expect(required.details).toMatchObject({ connection: 'gmail', identifier: 'user_1' });
    // The link is the account's reusable one: asking again hands out the same link.
    const again = (await expectOnBehalfError(t.ob.accounts.getAccessToken({ connection: 'gmail', identifier: 'user_1' }), 'AUTHORIZATION_REQUIRED')) as AuthorizationRequiredError;
    expect(again.authorizationLink).toBe(required.authorizationLink);
    // And the link works: it leads to the provider's consent.
    const opened = await t.ob.handler(new Request(required.authorizationLink!));
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toMatch(/^https:\/\/accounts\.google\.com\//);
  });

  it('answers getCredentials of an API-key connection the same way', async () => {
    const error = (await expectOnBehalfError(t.ob.accounts.getCredentials({ connection: 'keyed', identifier: 'user_2' }), 'AUTHORIZATION_REQUIRED')) as AuthorizationRequiredError;
    expect(error.message).toContain("'user_2'");
    expect(error.message).toContain("'keyed'");
    expect(error.authorizationLink).toContain('/onbehalf/authorize/');
  });

  it('says ACCOUNT_REVOKED, not "has not connected", once the account was revoked', async () => {
    await t.ob.accounts.setCredentials({ connection: 'keyed', identifier: 'user_4', credentials: { apiKey: 'k-1' } });
    await t.ob.accounts.revoke({ connection: 'keyed', identifier: 'user_4' });
    for (const read of [t.ob.accounts.getAccessToken, t.ob.accounts.getCredentials]) {
      const error = await expectOnBehalfError(read({ connection: 'keyed', identifier: 'user_4' }), 'ACCOUNT_REVOKED');
      expect(error.message).toContain('revoked');
    }
  });

  it('keeps ACCOUNT_NOT_FOUND for an unknown account id', async () => {
    await expectOnBehalfError(t.ob.accounts.getAccessToken({ id: 'acc_missing' }), 'ACCOUNT_NOT_FOUND');
  });

  it('says without a baseUrl how to get a link instead of carrying one', async () => {
    const noBase = await t.reopen({ baseUrl: undefined });
    const error = (await expectOnBehalfError(noBase.accounts.getAccessToken({ connection: 'gmail', identifier: 'user_3' }), 'AUTHORIZATION_REQUIRED')) as AuthorizationRequiredError;
    expect(error.authorizationLink).toBeUndefined();
    expect(error.message).toContain('ob.accounts.authorizationLink');
  });
});
