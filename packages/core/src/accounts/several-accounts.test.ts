import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { describeEachDialect } from '../../test/support/databases.ts';
import { expectOnBehalfError } from '../../test/support/expect-error.ts';
import { createOAuthTestbed, type OAuthTestbed } from '../../test/support/oauth-testbed.ts';
import { InsufficientScopesError } from '../errors.ts';
import { createAuditRepository, openDatabase } from '../store/index.ts';
import { bindTool, defineTool, selectToolSpecs } from '../tools/index.ts';

/**
 * Several accounts per (connection, identifier), provider identity and reconnects, scope upgrades:
 * through the public API, consent at the sandbox's authorization server, on SQLite and PostgreSQL.
 */

/** How many times a tool's execute ran: a refused call must not get that far. */
let executions = 0;

/** Whose provider account a tool acts in: the sandbox's userinfo for the account's token. */
const whoami = defineTool({
  name: 'whoami',
  provider: 'sandbox',
  description: 'The sandbox user the account belongs to.',
  input: z.object({ loud: z.boolean().optional() }),
  async execute({ loud }, ctx) {
    executions++;
    const me = await ctx.request<{ sub: string }>('/me');
    return { sub: loud ? me.sub.toUpperCase() : me.sub, alias: ctx.account.alias };
  },
});

/** A tool that needs a scope the connection does not ask for. */
const readFiles = defineTool({
  name: 'read_files',
  provider: 'sandbox',
  description: 'Reads the user\'s files.',
  input: z.object({}),
  scopes: ['files.read'],
  async execute(_input, ctx) {
    executions++;
    return { sub: (await ctx.request<{ sub: string }>('/me')).sub };
  },
});

describeEachDialect('several accounts, reconnect and scope upgrades', (dialect) => {
  let bed: OAuthTestbed;

  beforeEach(async () => {
    executions = 0;
    // scopeImplies turns the pre-request scope check on; files.all covers files.read.
    bed = await createOAuthTestbed(dialect, { provider: { scopeImplies: { 'files.all': ['files.read'] } }, extra: { tools: [whoami, readFiles] } });
  });

  afterEach(async () => {
    await bed.close();
  });

  const user = { connection: 'demo', identifier: 'user_1' };
  const subjectOf = async (ref: { connection: string; identifier: string; alias?: string }) => (await bed.sandbox.introspect((await bed.ob.accounts.getAccessToken(ref)).accessToken)).sub;
  async function audit(type: string) {
    const store = openDatabase(bed.database.url);
    try {
      return await createAuditRepository(store.db).list({ type });
    } finally {
      await store.destroy();
    }
  }

  it('keeps two named accounts of one user apart, and calls without alias mean the default one', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    const { callback } = await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, alias: 'work' })).link, { user: 'bob' });
    expect(callback.status).toBe(200);

    expect(await subjectOf(user)).toBe('alice');
    expect(await subjectOf({ ...user, alias: 'default' })).toBe('alice');
    expect(await subjectOf({ ...user, alias: 'work' })).toBe('bob');
    const work = await bed.ob.accounts.get({ ...user, alias: 'work' });
    expect(work).toMatchObject({ alias: 'work', status: 'ACTIVE', identity: { subject: 'bob' } });
    expect(await bed.ob.accounts.get(user)).toMatchObject({ alias: 'default', identity: { subject: 'alice' } });
    expect((await bed.ob.accounts.getCredentials({ ...user, alias: 'work' })).type).toBe('oauth2');
    expect((await bed.ob.accounts.list({ identifier: 'user_1' })).items.map((a) => a.alias).sort()).toEqual(['default', 'work']);
    expect((await bed.ob.accounts.list({ identifier: 'user_1', alias: 'work' })).items.map((a) => a.id)).toEqual([work.id]);
    expect(await (await bed.ob.fetch({ ...user, alias: 'work' }, '/me')).json()).toMatchObject({ sub: 'bob' });

    // getOrCreate with an alias finds that account; a new alias is a new PENDING one.
    expect((await bed.ob.accounts.getOrCreate({ ...user, alias: 'work' })).id).toBe(work.id);
    expect(await bed.ob.accounts.getOrCreate({ ...user, alias: 'side' })).toMatchObject({ alias: 'side', status: 'PENDING', identity: null });
    await expectOnBehalfError(bed.ob.accounts.get({ ...user, alias: 'nope' }), 'ACCOUNT_NOT_FOUND');
    await expectOnBehalfError(bed.ob.accounts.getOrCreate({ ...user, alias: 'has space' }), 'INVALID_INPUT');

    // Lifecycle calls act on the named account only.
    await bed.ob.accounts.suspend({ ...user, alias: 'side' });
    expect((await bed.ob.accounts.get({ ...user, alias: 'side' })).status).toBe('SUSPENDED');
    await bed.ob.accounts.updateMetadata({ ...user, alias: 'work' }, { team: 'ops' });
    expect((await bed.ob.accounts.get(user)).metadata).toEqual({});
    await bed.ob.accounts.revoke({ ...user, alias: 'work' });
    expect((await bed.ob.accounts.get({ ...user, alias: 'work' })).status).toBe('REVOKED');
    expect(await subjectOf(user)).toBe('alice');
    await bed.ob.accounts.delete({ ...user, alias: 'side' });
    expect((await bed.ob.accounts.list({ identifier: 'user_1' })).items.map((a) => a.alias).sort()).toEqual(['default', 'work']);
  });

  it('tools take an account selector only for a user with several accounts, listing that user\'s aliases', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, alias: 'work' })).link, { user: 'bob' });
    await bed.connect((await bed.ob.accounts.authorizationLink({ connection: 'demo', identifier: 'user_2', alias: 'secret-project' })).link, { user: 'carol' });

    const [spec] = await bed.ob.tools.list({ identifier: 'user_1', tools: ['whoami'] });
    expect(spec!.inputSchema.properties).toMatchObject({ account: { type: 'string', enum: ['default', 'work'] } });
    expect(spec!.inputSchema.required).toContain('account');
    // Another user's aliases never show; one account needs no selector, whatever its alias.
    expect(JSON.stringify(await bed.ob.tools.list({ identifier: 'user_1' }))).not.toContain('secret-project');
    const [single] = await bed.ob.tools.list({ identifier: 'user_2', tools: ['whoami'] });
    expect(single!.inputSchema.properties).not.toHaveProperty('account');
    expect((await bed.ob.tools.execute({ identifier: 'user_2', tool: 'whoami', input: {} })).data).toEqual({ sub: 'carol', alias: 'secret-project' });
    // The selector survives the strict dialect as a required enum.
    const [strict] = await bed.ob.tools.list({ identifier: 'user_1', tools: ['whoami'], dialect: 'openai-strict' });
    expect(strict!.inputSchema.properties).toMatchObject({ account: { enum: ['default', 'work'] } });

    // An ambiguous call is refused with the aliases named, before anything runs.
    executions = 0;
    const ambiguous = await expectOnBehalfError(bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: {} }), 'TOOL_INPUT_INVALID');
    expect(ambiguous.message).toContain("'default', 'work'");
    expect(executions).toBe(0);
    expect((await bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: {}, account: 'work' })).data).toEqual({ sub: 'bob', alias: 'work' });
    // A named account that needs connecting gets a link for that account, not the default one.
    await bed.ob.accounts.revoke({ ...user, alias: 'work' });
    const unconnected = await bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: {}, account: 'work' }).then(() => undefined, (e: unknown) => e as { code: string; authorizationLink: string });
    expect(unconnected?.code).toBe('AUTHORIZATION_REQUIRED');
    const relinked = await bed.connect(unconnected!.authorizationLink, { user: 'bob' });
    expect(relinked.callback.status, await relinked.callback.clone().text()).toBe(200);
    expect((await bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: {}, account: 'work' })).data).toEqual({ sub: 'bob', alias: 'work' });
    expect((await bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: { account: 'default', loud: true } })).data).toEqual({ sub: 'ALICE', alias: 'default' });
    await expectOnBehalfError(bed.ob.tools.execute({ identifier: 'user_1', tool: 'whoami', input: { account: 'personal' } }), 'TOOL_INPUT_INVALID');

    // What an agent adapter does: the model fills the selector it was shown.
    const specs = await selectToolSpecs(bed.ob, { identifier: 'user_1', tools: ['whoami'] });
    const run = bindTool(bed.ob, specs[0]!, { identifier: 'user_1' });
    expect(await run({ account: 'work' })).toMatchObject({ ok: true, data: { sub: 'bob' } });
    expect(await run({})).toMatchObject({ ok: false, error: { error: 'TOOL_INPUT_INVALID', message: expect.stringContaining("'work'") } });
  });

  it('a reconnect with the same provider identity updates the account in place', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    const before = await bed.ob.accounts.get(user);
    const oldToken = (await bed.ob.accounts.getAccessToken(user)).accessToken;
    const { callback } = await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, scopes: ['files.read'] })).link, { user: 'alice' });
    expect(callback.status).toBe(200);
    const after = await bed.ob.accounts.get(user);
    expect(after).toMatchObject({ id: before.id, alias: 'default', status: 'ACTIVE', identity: { subject: 'alice' } });
    expect(after.scopes).toContain('files.read');
    expect((await bed.ob.accounts.getAccessToken(user)).accessToken).not.toBe(oldToken);
    expect((await bed.ob.accounts.list({ identifier: 'user_1' })).items).toHaveLength(1);
    expect(await audit('account.identity_changed')).toHaveLength(0);
  });

  it('another provider identity on the same alias is refused and the account keeps its tokens, unless the link says replace', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    const token = (await bed.ob.accounts.getAccessToken(user)).accessToken;

    const { callback } = await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'mallory' });
    expect(callback.status).toBe(409);
    const page = await callback.text();
    expect(page).toContain('Another account');
    expect(page).toContain('not the one connected before');
    expect(await bed.ob.accounts.get(user)).toMatchObject({ status: 'ACTIVE', statusReason: null, identity: { subject: 'alice' } });
    expect((await bed.ob.accounts.getAccessToken(user)).accessToken).toBe(token);
    expect(JSON.parse((await audit('account.authorization_failed'))[0]!.data)).toEqual({ error: 'identity_mismatch' });

    const replaced = await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, replace: true })).link, { user: 'mallory' });
    expect(replaced.callback.status).toBe(200);
    expect(await subjectOf(user)).toBe('mallory');
    expect((await bed.ob.accounts.get(user)).identity).toMatchObject({ subject: 'mallory' });
  });

  it('the same provider identity under a second alias is refused: no duplicate account', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    const { callback } = await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, alias: 'again' })).link, { user: 'alice' });
    expect(callback.status).toBe(409);
    expect(await callback.text()).toContain('already connected');
    expect((await bed.ob.accounts.get({ ...user, alias: 'again' })).status).toBe('PENDING');
  });

  it('a tool whose scopes the grant lacks fails before any request, with an upgrade link; a declined upgrade leaves the account as it was', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink(user)).link, { user: 'alice' });
    const token = (await bed.ob.accounts.getAccessToken(user)).accessToken;

    const refused = await bed.ob.tools.execute({ identifier: 'user_1', tool: 'read_files', input: {} }).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(InsufficientScopesError);
    const error = refused as InsufficientScopesError;
    expect(error.code).toBe('INVALID_PERMISSIONS');
    expect(error.missingScopes).toEqual(['files.read']);
    expect(error.message).toContain('files.read');
    expect(error.authorizationLink).toMatch(/\/authorize\//);
    expect(executions).toBe(0);

    // Declined: still ACTIVE with the old grant.
    const declined = await bed.connect(error.authorizationLink!, { user: 'alice', deny: true });
    expect(declined.callback.status).toBe(403);
    expect(await bed.ob.accounts.get(user)).toMatchObject({ status: 'ACTIVE', statusReason: null });
    expect((await bed.ob.accounts.getAccessToken(user)).accessToken).toBe(token);
    expect((await bed.ob.accounts.get(user)).scopes).not.toContain('files.read');

    // Granted through a fresh upgrade link: the new grant replaces the old one and the tool runs.
    const again = await bed.ob.tools.execute({ identifier: 'user_1', tool: 'read_files', input: {} }).then(() => undefined, (e: unknown) => e as InsufficientScopesError);
    const upgraded = await bed.connect(again!.authorizationLink!, { user: 'alice' });
    expect(upgraded.callback.status).toBe(200);
    expect((await bed.ob.accounts.get(user)).scopes).toContain('files.read');
    expect((await bed.ob.tools.execute({ identifier: 'user_1', tool: 'read_files', input: {} })).data).toEqual({ sub: 'alice' });

    // An agent sees the link too.
    await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, alias: 'work' })).link, { user: 'bob' });
    const [spec] = await selectToolSpecs(bed.ob, { identifier: 'user_1', tools: ['read_files'] });
    const outcome = await bindTool(bed.ob, spec!, { identifier: 'user_1' })({ account: 'work' });
    expect(outcome).toMatchObject({ ok: false, error: { error: 'INVALID_PERMISSIONS', authorizationLink: expect.stringMatching(/\/authorize\//) } });
  });

  it('a broader scope covers a narrower one (scopeImplies): the account is not refused', async () => {
    await bed.connect((await bed.ob.accounts.authorizationLink({ ...user, scopes: ['files.all'] })).link, { user: 'alice' });
    expect((await bed.ob.tools.execute({ identifier: 'user_1', tool: 'read_files', input: {} })).data).toEqual({ sub: 'alice' });
  });
});
