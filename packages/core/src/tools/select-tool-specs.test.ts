import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOnBehalf, type TestOnBehalf } from '../../test/support/test-on-behalf.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { selectToolSpecs } from './bind-tool.ts';

/** getTools (every agent adapter selects through selectToolSpecs) with names that exist and names that do not. */
describe('selectToolSpecs names', () => {
  let t: TestOnBehalf;
  beforeAll(async () => {
    t = await createTestOnBehalf('sqlite', {
      connections: [
        { name: 'gmail', provider: 'gmail', clientId: 'gmail-client', clientSecret: 'gmail-secret' },
        { name: 'slack', provider: 'slack', clientId: 'slack-client', clientSecret: 'slack-secret' },
        { name: 'work_slack', provider: 'slack', clientId: 'work-client', clientSecret: 'work-secret' },
      ],
    });
  });
  afterAll(() => t.cleanup());
  const select = (options: { providers?: string[]; connections?: string[]; tools?: string[] }) => selectToolSpecs(t.ob, { identifier: 'user_1', ...options });

  it('selects by provider, connection and tool name (listed or the connection-prefixed tool\'s own)', async () => {
    expect((await select({ providers: ['gmail'] })).map((s) => s.provider)).toEqual(expect.arrayContaining(['gmail']));
    expect(new Set((await select({ connections: ['work_slack'] })).map((s) => s.connection))).toEqual(new Set(['work_slack']));
    expect((await select({ connections: ['work_slack'], tools: ['slack_send_message'] })).map((s) => s.name)).toEqual(['work_slack_slack_send_message']);
    // Filters that exist but do not intersect give no tools, and no error.
    expect(await select({ providers: ['gmail'], tools: ['slack_send_message'] })).toEqual([]);
  });

  it('refuses a provider no connection has, listing the providers with tools', async () => {
    const error = await expectOnBehalfError(select({ providers: ['gmial'] }), 'PROVIDER_NOT_FOUND');
    expect(error.message).toContain("'gmial'");
    expect(error.message).toContain('gmail, slack');
    // A catalog provider without a configured connection is as absent for getTools.
    await expectOnBehalfError(select({ providers: ['gmail', 'github'] }), 'PROVIDER_NOT_FOUND');
  });

  it('refuses an unknown connection, listing the connections', async () => {
    const error = await expectOnBehalfError(select({ connections: ['slak'] }), 'CONNECTION_NOT_FOUND');
    expect(error.message).toContain("'slak'");
    expect(error.message).toContain('gmail, slack, work_slack');
  });

  it('refuses an unknown tool, listing the tools', async () => {
    const error = await expectOnBehalfError(select({ tools: ['gmail_send_mail'] }), 'TOOL_NOT_FOUND');
    expect(error.message).toContain("'gmail_send_mail'");
    expect(error.message).toContain('gmail_send_email');
    expect(error.details).toMatchObject({ tool: ['gmail_send_mail'] });
  });
});
