import { expect, it } from 'vitest';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { CLIENT_ID, CLIENT_SECRET, TENANT_ID } from '../../../test/support/microsoft-identity-wire.ts';
import { describeMicrosoftLifecycle } from '../../../test/support/microsoft-lifecycle-suite.ts';
import { consentWithCode } from '../../../test/support/provider-wire-server.ts';
import { PERSONAL_ACCOUNTS_TENANT_ID } from '../microsoft/index.ts';
import { microsoftTeamsToolkit } from './index.ts';

// Teams: the Microsoft family's suite, plus what only Teams refuses — personal accounts.
describeMicrosoftLifecycle(microsoftTeamsToolkit.provider, (context) => {
  it("refuses the 'consumers' tenant: Teams has no personal accounts", async () => {
    const error = await expectOnBehalfError(
      context().t.ob.connections.upsert({ name: 'teams_personal', provider: 'microsoft_teams', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, settings: { tenant: 'consumers' } }),
      'CONNECTION_INVALID',
    );
    expect(error.message).toContain('settings.tenant has an invalid format');
    expect(error.message).toContain("Teams works only with work or school accounts, so 'consumers' (personal accounts) is refused");
  });

  it('refuses a personal Microsoft account signing in through common, before the account turns ACTIVE', async () => {
    const { t, wire } = context();
    wire.nextTenantId = PERSONAL_ACCOUNTS_TENANT_ID;
    try {
      const { callback } = await consentWithCode(t.ob, { connection: 'microsoft_teams_default', identifier: 'outlook-com-user', code: 'M.C507_BAY.2.U.7f0a9b4e-5b2c-4a7d-9e1f-3c6d8a2b1e0f' });
      expect(callback.status).toBeGreaterThanOrEqual(400);
      expect(await callback.text()).toContain('work or school account');
    } finally {
      wire.nextTenantId = TENANT_ID;
    }
    expect(await t.ob.accounts.get({ connection: 'microsoft_teams_default', identifier: 'outlook-com-user' })).toMatchObject({ status: 'PENDING' });
  });
});
