// The scenarios every agent adapter (@onbehalf/langchain, ai-sdk, google-genai, …) must pass, written once.
import { AuthorizationRequiredError, OnBehalfError, type GetToolsOptions, type SchemaDialect, type ToolsHost } from '@onbehalf/core';
import { ApprovalRequiredError } from '@onbehalf/core';
import { expect, it } from 'vitest';
import { createTestbed } from './agent-testbed.ts';
import { standIn } from './tools-stand-in.ts';

export interface AgentAdapterDriver {
  /** Makes the library's tools (its `getTools`), so the suite can check what it refuses. */
  make(ob: ToolsHost, options: GetToolsOptions): Promise<unknown>;
  /**
   * Makes the tools and calls `demo_echo` once with `input` the way the library's agent would;
   * resolves to what goes back to the model (the tool's data, or the error object it gets).
   */
  call(ob: ToolsHost, options: GetToolsOptions, input: unknown): Promise<unknown>;
  /**
   * Makes the tools and calls the one named `name` with `input` the way the library's agent would
   * (rejects when the library made no such tool); resolves to what goes back to the model.
   */
  callTool(ob: ToolsHost, options: GetToolsOptions, name: string, input: Record<string, unknown>): Promise<unknown>;
  /** The schema dialect the library asks `ob.tools.list` for by default, when it picks one. */
  dialect?: SchemaDialect;
}

/** Registers the shared scenarios in the current `describe`. */
export function agentAdapterSuite(driver: AgentAdapterDriver): void {
  it('passes the filters to ob.tools.list and binds the identifier and connection to every call', async () => {
    const { ob, listed, executed } = standIn(async ({ input }) => ({ echoed: (input as { text: string }).text }));
    expect(await driver.call(ob, { identifier: 'user_1', providers: ['demo'], tools: ['demo_echo'] }, { text: 'hi' })).toEqual({ echoed: 'hi' });
    // The identifier goes to the listing too: its own account aliases become an `account` selector.
    expect(listed).toEqual([{ identifier: 'user_1', providers: ['demo'], tools: ['demo_echo'], ...(driver.dialect ? { dialect: driver.dialect } : {}) }]);
    // The input comes back in the dialect the model was shown, and says so.
    const dialect = driver.dialect && driver.dialect !== 'json-schema' ? { dialect: driver.dialect } : {};
    expect(executed).toEqual([{ identifier: 'user_1', tool: 'demo_echo', input: { text: 'hi' }, connection: 'demo', ...dialect }]);
  });

  it('returns recoverable errors to the model and throws the ones no model can fix', async () => {
    const run = (error: Error, onAuthorizationRequired?: 'throw') =>
      driver.call(standIn(async () => { throw error; }).ob, { identifier: 'u', ...(onAuthorizationRequired ? { onAuthorizationRequired } : {}) }, { text: 'x' });
    for (const accountStatus of ['PENDING', 'EXPIRED', 'REVOKED'] as const) {
      const auth = new AuthorizationRequiredError('Connect Demo first.', { accountStatus, authorizationLink: 'http://app.test/onbehalf/authorize/t' });
      expect(await run(auth)).toEqual({ error: 'AUTHORIZATION_REQUIRED', status: accountStatus, authorizationLink: 'http://app.test/onbehalf/authorize/t', message: 'Connect Demo first.' });
      await expect(run(auth, 'throw')).rejects.toBe(auth);
    }
    for (const [code, message] of [['PROVIDER_API_ERROR', 'The Demo API answered 404.'], ['TOOL_INPUT_INVALID', 'text: expected string']] as const) {
      expect(await run(new OnBehalfError(code, message))).toEqual({ error: code, message });
    }
    const broken = new OnBehalfError('DATABASE_ERROR', 'The database is unreachable.');
    await expect(run(broken)).rejects.toBe(broken);
    for (const code of ['DECRYPTION_FAILED', 'CONFIGURATION_ERROR'] as const) await expect(run(new OnBehalfError(code, 'No model can fix this.'))).rejects.toMatchObject({ code });
    await expect(run(new TypeError('bug'))).rejects.toThrow('bug');
  });

  it('refuses to make tools without an identifier', async () => {
    const { ob } = standIn(async () => null);
    await expect(driver.make(ob, { identifier: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(driver.make(ob, {} as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('passes requireApproval and maxOutputChars through, and hands the model an approval request with the id the app approves', async () => {
    const held = new ApprovalRequiredError('demo_echo needs the person\'s approval.', { approvalId: 'apr_1', tool: 'demo_echo', input: { text: 'x' }, expiresAt: new Date(0) });
    const { ob, listed, executed } = standIn(async () => { throw held; });
    expect(await driver.call(ob, { identifier: 'u', requireApproval: 'writes', maxOutputChars: 500 }, { text: 'x' })).toEqual({
      error: 'APPROVAL_REQUIRED', approvalId: 'apr_1', tool: 'demo_echo', input: { text: 'x' }, message: 'demo_echo needs the person\'s approval.',
    });
    expect(listed).toEqual([expect.objectContaining({ requireApproval: 'writes' })]);
    expect(executed).toEqual([expect.objectContaining({ identifier: 'u', tool: 'demo_echo', requireApproval: 'writes', maxOutputChars: 500 })]);
  });

  it("mode: 'search' shows search_tools and call_tool: the found tool in the library's dialect, its link until connected, then its data", async () => {
    const bed = await createTestbed();
    try {
      const options: GetToolsOptions = { identifier: 'dana', mode: 'search' };
      // The whole list is not there: only the two meta-tools are.
      await expect(driver.callTool(bed.ob, options, 'gmail_fetch_mails', {})).rejects.toThrow();
      const search = (await driver.callTool(bed.ob, options, 'search_tools', { query: 'show my unread emails' })) as { tools: Array<Record<string, unknown>> };
      const [found] = search.tools;
      expect(found).toMatchObject({ name: 'gmail_fetch_mails', provider: 'gmail', authorization: { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringContaining('/authorize/') } });
      expect((found!.inputSchema as { type: string }).type).toBe(driver.dialect === 'gemini' ? 'OBJECT' : 'object');
      const call = () => driver.callTool(bed.ob, options, 'call_tool', { name: 'gmail_fetch_mails', input: { maxResults: 1 } });
      expect(await call()).toMatchObject({ error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringContaining('/authorize/') });
      await bed.connect('dana', 'alice');
      expect((await driver.callTool(bed.ob, options, 'search_tools', { query: 'show my unread emails' }) as typeof search).tools[0]).not.toHaveProperty('authorization');
      const mails = await call();
      expect(Array.isArray(mails) && mails).toHaveLength(1);
      expect(await driver.callTool(bed.ob, options, 'call_tool', { name: 'gmail_read_minds', input: {} })).toMatchObject({ error: 'TOOL_NOT_FOUND' });
    } finally {
      await bed.close();
    }
  });
}
