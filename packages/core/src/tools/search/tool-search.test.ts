import { toStrictJsonSchema } from 'openai/lib/transform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geminiSchemaProblems } from '../../../test/support/agent-gemini-limits.ts';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';
import { describeEachDialect } from '../../../test/support/databases.ts';
import { boundTools } from '../bound-tools.ts';
import type { BoundToolEntry, ToolOutcome } from '../bind-tool.ts';
import type { ToolSpec } from '../tool-types.ts';
import { CALL_TOOL, MAX_RESULTS, SEARCH_TOOLS, type FoundTool } from './search-mode-tools.ts';
import { createToolIndex } from './rank-tools.ts';

/** What a model is shown of a tool: its name, description and input schema, as JSON text. */
const shownChars = (specs: Pick<ToolSpec, 'name' | 'description' | 'inputSchema'>[]) =>
  specs.reduce((sum, { name, description, inputSchema }) => sum + JSON.stringify({ name, description, inputSchema }).length, 0);

const run = (tools: BoundToolEntry[], name: string, input: unknown): Promise<ToolOutcome> => tools.find((t) => t.spec.name === name)!.run(input);
const found = async (tools: BoundToolEntry[], query: string, limit?: number) => {
  const outcome = await run(tools, SEARCH_TOOLS, { query, ...(limit ? { limit } : {}) });
  if (!outcome.ok) throw new Error(`search failed: ${JSON.stringify(outcome.error)}`);
  return (outcome.data as { tools: FoundTool[] }).tools;
};

// Plain requests, each with the tools that do it (either provider where two offer the same).
const REQUESTS: Array<[string, string[]]> = [
  ['email Dana the report', ['gmail_send_email', 'outlook_send_mail']],
  ['create a Jira ticket', ['jira_create_issue']],
  ["what's on my calendar tomorrow", ['google_calendar_list_events', 'microsoft_calendar_list_events']],
  ['post a message in the #general Slack channel', ['slack_send_message']],
  ['open a pull request on GitHub', ['github_create_pull_request']],
  ['find Zendesk tickets about refunds', ['zendesk_search_tickets']],
  ['upload the slides to OneDrive', ['onedrive_upload_file']],
  ['redeploy the site on Vercel', ['vercel_redeploy']],
  ['move the Trello card to Done', ['trello_move_card']],
  ['schedule a meeting with Ann on Friday', ['google_calendar_create_event', 'microsoft_calendar_create_event']],
  ['am I free on Thursday afternoon', ['google_calendar_free_busy', 'microsoft_calendar_find_free_time']],
  ['reply to the last mail from Bob', ['gmail_reply', 'outlook_reply']],
  ['add a new contact to the CRM', ['hubspot_upsert_contact', 'salesforce_create_record']],
  ['show my unread emails', ['gmail_fetch_mails', 'outlook_list_messages']],
];

describe('tool search on the full catalog', () => {
  let bed: ToolsTestbed;
  let all: ToolSpec[];
  let tools: BoundToolEntry[];
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
    all = await bed.ob.tools.list();
    tools = await boundTools(bed.ob, { identifier: 'u1', mode: 'search' });
  });
  afterAll(() => bed?.close());

  it('shows the model two meta-tools whose schemas are a small fraction of the whole list', () => {
    expect(tools.map((t) => t.spec.name)).toEqual([SEARCH_TOOLS, CALL_TOOL]);
    const whole = shownChars(all);
    const meta = shownChars(tools.map((t) => t.spec));
    console.log(`tool search: ${all.length} tools shown whole = ${whole} characters; the two meta-tools = ${meta} characters (${((100 * meta) / whole).toFixed(1)}%)`);
    expect(all.length).toBeGreaterThan(100);
    expect(meta * 20).toBeLessThan(whole);
  });

  it.each(REQUESTS)('"%s" finds the right tool in the top 3', async (query, expected) => {
    const names = (await found(tools, query)).slice(0, 3).map((t) => t.name);
    expect(names.filter((name) => expected.includes(name)), `top 3: ${names.join(', ')}`).not.toEqual([]);
  });

  it('puts the one right tool first for the issue’s requests', async () => {
    expect(['gmail_send_email', 'outlook_send_mail']).toContain((await found(tools, 'email Dana the report'))[0]!.name);
    expect((await found(tools, 'create a Jira ticket'))[0]!.name).toBe('jira_create_issue');
    expect(['google_calendar_list_events', 'microsoft_calendar_list_events']).toContain((await found(tools, "what's on my calendar tomorrow"))[0]!.name);
  });

  it('bounds the results, returns each with its schema, and says when nothing matches', async () => {
    const results = await found(tools, 'list');
    expect(results).toHaveLength(5);
    expect(await found(tools, 'list', MAX_RESULTS)).toHaveLength(MAX_RESULTS);
    const byName = new Map(all.map((spec) => [spec.name, spec]));
    for (const result of results) expect(result).toMatchObject({ description: byName.get(result.name)!.description, inputSchema: byName.get(result.name)!.inputSchema });
    expect(await run(tools, SEARCH_TOOLS, { query: 'list', limit: MAX_RESULTS + 1 })).toMatchObject({ ok: false, error: { error: 'TOOL_INPUT_INVALID' } });
    const none = await run(tools, SEARCH_TOOLS, { query: 'zzxq' });
    expect(none).toMatchObject({ ok: true, data: { tools: [], message: expect.stringContaining('No tool matches') } });
  });

  it('searches only the selected tools', async () => {
    const onlyGitHub = await boundTools(bed.ob, { identifier: 'u1', mode: 'search', providers: ['github'] });
    expect((await found(onlyGitHub, 'create a ticket')).map((t) => t.provider)).toEqual(expect.arrayContaining(['github']));
    expect(new Set((await found(onlyGitHub, 'create a ticket', MAX_RESULTS)).map((t) => t.provider))).toEqual(new Set(['github']));
  });

  it('refuses an unknown mode', async () => {
    await expect(boundTools(bed.ob, { identifier: 'u1', mode: 'serch' as never })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('the ranking itself', () => {
  const spec = (name: string, provider: string, description: string): ToolSpec =>
    ({ name, provider, connection: provider, description, scopes: [], inputSchema: { type: 'object' }, dialect: 'json-schema', input: undefined as never }) as ToolSpec;
  const index = createToolIndex([
    spec('mail_send', 'mailer', 'Send an email.'),
    spec('mail_list', 'mailer', 'List emails in the inbox.'),
    spec('tracker_create_issue', 'tracker', 'Create an issue.'),
  ]);

  it('ranks a word said outright above its synonyms, and a synonym above nothing', () => {
    expect(index.search('send', 3).map((r) => r.spec.name)).toEqual(['mail_send']);
    // "ticket" is not in any tool: its synonym "issue" finds the tracker.
    expect(index.search('open a ticket', 3).map((r) => r.spec.name)).toEqual(['tracker_create_issue']);
    const inbox = index.search('inbox', 3);
    expect(inbox[0]!.spec.name).toBe('mail_list');
    expect(index.search('the of and', 3)).toEqual([]);
  });
});

describeEachDialect('search and call through the binding', (dialect) => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed(dialect);
  });
  afterAll(() => bed?.close());

  it('tells unconnected accounts by their link, then runs the tool once connected', async () => {
    const tools = await boundTools(bed.ob, { identifier: 'dana', mode: 'search', providers: ['gmail', 'slack'] });
    const [first] = await found(tools, 'show my unread emails');
    expect(first).toMatchObject({ name: 'gmail_fetch_mails', authorization: { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: expect.stringContaining('/authorize/') } });
    // The link is a reusable one: searching again hands out the same.
    expect((await found(tools, 'show my unread emails'))[0]!.authorization!.authorizationLink).toBe(first!.authorization!.authorizationLink);
    expect(await run(tools, CALL_TOOL, { name: 'gmail_fetch_mails', input: {} })).toMatchObject({ ok: false, error: { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING' } });

    await bed.connect('gmail', 'dana');
    const after = await found(tools, 'show my unread emails');
    expect(after[0]).not.toHaveProperty('authorization');
    // Slack is still not connected: its tools keep their link.
    expect((await found(tools, 'post a slack message'))[0]).toMatchObject({ provider: 'slack', authorization: { status: 'PENDING' } });
    const mails = await run(tools, CALL_TOOL, { name: 'gmail_fetch_mails', input: { maxResults: 2 } });
    expect(mails).toMatchObject({ ok: true, executionId: expect.stringMatching(/^exe_/) });
    expect((mails as { data: unknown[] }).data).toHaveLength(2);
  });

  it('answers a wrong call as the model can fix it: unknown tool, bad input', async () => {
    const tools = await boundTools(bed.ob, { identifier: 'dana', mode: 'search' });
    expect(await run(tools, CALL_TOOL, { name: 'gmail_send_mails', input: {} })).toMatchObject({ ok: false, error: { error: 'TOOL_NOT_FOUND', message: expect.stringContaining(SEARCH_TOOLS) } });
    expect(await run(tools, CALL_TOOL, { name: 'gmail_fetch_mails', input: { maxResults: 500 } })).toMatchObject({ ok: false, error: { error: 'TOOL_INPUT_INVALID' } });
    expect(await run(tools, CALL_TOOL, { input: {} })).toMatchObject({ ok: false, error: { error: 'TOOL_INPUT_INVALID', message: expect.stringContaining('name') } });
  });

  it('the meta-tools pass the same dialect checks as every built-in tool', async () => {
    for (const { spec } of await boundTools(bed.ob, { identifier: 'dana', mode: 'search', dialect: 'openai-strict' })) {
      expect(toStrictJsonSchema(structuredClone(spec.inputSchema) as never)).toEqual(spec.inputSchema);
    }
    for (const { spec } of await boundTools(bed.ob, { identifier: 'dana', mode: 'search', dialect: 'gemini' })) expect(geminiSchemaProblems(spec.inputSchema)).toEqual([]);
  });

  it.each(['openai-strict', 'gemini'] as const)('%s: the meta-tools and the found schemas are in the dialect, and call_tool maps its input back', async (schemaDialect) => {
    await bed.connect('gmail', 'eve');
    const tools = await boundTools(bed.ob, { identifier: 'eve', mode: 'search', dialect: schemaDialect });
    const listed = await bed.ob.tools.list({ dialect: schemaDialect, tools: ['gmail_fetch_mails'] });
    for (const { spec } of tools) expect(spec.dialect).toBe(schemaDialect);
    const result = (await run(tools, SEARCH_TOOLS, schemaDialect === 'openai-strict' ? { query: 'read my unread mail', limit: null } : { query: 'read my unread mail' })) as { ok: true; data: { tools: FoundTool[] } };
    const fetch = result.data.tools.find((t) => t.name === 'gmail_fetch_mails')!;
    expect(fetch.inputSchema).toEqual(listed[0]!.inputSchema);
    // Both dialects take call_tool's input as JSON text; inside it, strict mode's null for a left-out optional.
    const inner = schemaDialect === 'openai-strict' ? { query: null, maxResults: 1 } : { maxResults: 1 };
    const mails = await run(tools, CALL_TOOL, { name: 'gmail_fetch_mails', input: JSON.stringify(inner) });
    expect(mails).toMatchObject({ ok: true });
    expect((mails as { data: unknown[] }).data).toHaveLength(1);
  });
});
