import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineProvider } from '../../providers/index.ts';
import { describeEachDialect, type TestDialect } from '../../../test/support/databases.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { defineTool } from '../define-tool.ts';
import { boundTools } from '../bound-tools.ts';
import { ApprovalRequiredError } from './approval-required-error.ts';
import { createApprovalStore } from './create-approval-store.ts';

/**
 * Approval through ob.tools.execute: a held call answers APPROVAL_REQUIRED until the app approves
 * it, then runs once, for exactly that person, tool and input.
 */

const notes = defineProvider({ id: 'notes', name: 'Notes', auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' }, api: { baseUrl: 'https://notes.example' } });
const ran: unknown[] = [];
const addNote = defineTool({
  name: 'notes_add',
  provider: 'notes',
  writes: true,
  description: 'Adds a note.',
  input: z.object({ text: z.string(), tags: z.array(z.string()).optional() }),
  execute: (input) => { ran.push(input); return { added: input.text }; },
});
const listNotes = defineTool({ name: 'notes_list', provider: 'notes', description: 'Lists notes.', input: z.object({}), execute: () => { ran.push('list'); return []; } });

async function held(promise: Promise<unknown>): Promise<ApprovalRequiredError> {
  const error = await expectOnBehalfError(promise, 'APPROVAL_REQUIRED');
  expect(error).toBeInstanceOf(ApprovalRequiredError);
  return error as ApprovalRequiredError;
}

describeEachDialect('approval of tool calls', (dialect: TestDialect) => {
  let t: TestOnBehalf;
  const add = (identifier: string, input: unknown) => t.ob.tools.execute({ identifier, tool: 'notes_add', input });

  beforeAll(async () => {
    t = await createTestOnBehalf(dialect, { providers: [notes], tools: [addNote, listNotes], connections: [{ name: 'notes', provider: 'notes' }], requireApproval: 'writes' });
    for (const who of ['ann', 'bob']) await t.ob.accounts.setCredentials({ connection: 'notes', identifier: who, credentials: { apiKey: `key-${who}` } });
  });
  afterAll(() => t?.cleanup());
  beforeEach(() => { ran.length = 0; });

  it('marks write tools in the listing and holds only them under requireApproval: writes', async () => {
    const specs = await t.ob.tools.list({ providers: ['notes'] });
    expect(specs.map(({ name, writes, requiresApproval }) => ({ name, writes, requiresApproval }))).toEqual([
      { name: 'notes_add', writes: true, requiresApproval: true },
      { name: 'notes_list', writes: false, requiresApproval: false },
    ]);
    expect((await t.ob.tools.list({ providers: ['notes'], requireApproval: (tool) => tool.name === 'notes_list' })).map((s) => s.requiresApproval)).toEqual([false, true]);
    await t.ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: {} });
    expect(ran).toEqual(['list']);
  });

  it('holds a write call until approved, then runs it once; a second use needs a new approval', async () => {
    const first = await held(add('ann', { text: 'buy milk', tags: ['home'] }));
    expect(first).toMatchObject({ tool: 'notes_add', input: { text: 'buy milk', tags: ['home'] }, status: 403 });
    expect(first.message).toMatch(/approval/);
    // Asking again (keys in another order) is the same request, not a second one.
    expect((await held(add('ann', { tags: ['home'], text: 'buy milk' }))).approvalId).toBe(first.approvalId);
    expect(ran).toEqual([]);

    expect(t.ob.tools.approval(first.approvalId)).toMatchObject({ identifier: 'ann', tool: 'notes_add', connection: 'notes', status: 'pending', input: { text: 'buy milk', tags: ['home'] } });
    expect(t.ob.tools.approve(first.approvalId, { identifier: 'ann' })).toMatchObject({ status: 'approved' });
    expect((await add('ann', { text: 'buy milk', tags: ['home'] })).data).toEqual({ added: 'buy milk' });
    expect(ran).toHaveLength(1);

    const again = await held(add('ann', { text: 'buy milk', tags: ['home'] }));
    expect(again.approvalId).not.toBe(first.approvalId);
    await expectOnBehalfError(Promise.resolve().then(() => t.ob.tools.approve(first.approvalId)), 'APPROVAL_NOT_FOUND');
    expect(ran).toHaveLength(1);
  });

  it('binds an approval to the exact input and person', async () => {
    const { approvalId } = await held(add('ann', { text: 'call the bank' }));
    // Only Ann answers Ann's request.
    await expectOnBehalfError(Promise.resolve().then(() => t.ob.tools.approve(approvalId, { identifier: 'bob' })), 'APPROVAL_NOT_FOUND');
    t.ob.tools.approve(approvalId, { identifier: 'ann' });
    await held(add('ann', { text: 'call the bank and wire $5000' }));
    await held(add('bob', { text: 'call the bank' }));
    expect(ran).toEqual([]);
    await add('ann', { text: 'call the bank' });
    expect(ran).toEqual([{ text: 'call the bank' }]);
  });

  it('binds an approval to the account too, when the person has several, and lists their open requests', async () => {
    for (const alias of ['home', 'work']) await t.ob.accounts.setCredentials({ connection: 'notes', identifier: 'cy', alias, credentials: { apiKey: `key-cy-${alias}` } });
    const at = (account: string) => t.ob.tools.execute({ identifier: 'cy', tool: 'notes_add', input: { text: 'pay rent' }, account });
    const home = await held(at('home'));
    const work = await held(at('work'));
    expect(work.approvalId).not.toBe(home.approvalId);
    expect(t.ob.tools.approvals({ identifier: 'cy' }).map((a) => [a.approvalId, a.account])).toEqual([[home.approvalId, 'home'], [work.approvalId, 'work']]);
    t.ob.tools.approve(home.approvalId, { identifier: 'cy' });
    expect(t.ob.tools.approvals({ identifier: 'cy' }).map((a) => a.account)).toEqual(['work']);
    await held(at('work'));
    expect(ran).toEqual([]);
    await at('home');
    expect(ran).toEqual([{ text: 'pay rent' }]);
    expect(t.ob.tools.approvals({ identifier: 'nobody' })).toEqual([]);
  });

  it('a declined call answers TOOL_DENIED with the reason once, then asks again', async () => {
    const { approvalId } = await held(add('ann', { text: 'delete everything' }));
    t.ob.tools.deny(approvalId, { reason: 'Ann said no.' });
    expect((await expectOnBehalfError(add('ann', { text: 'delete everything' }), 'TOOL_DENIED')).message).toBe('Ann said no.');
    await held(add('ann', { text: 'delete everything' }));
    expect(ran).toEqual([]);
  });

  it('lets the caller set the policy per call, false for an approval given elsewhere', async () => {
    await add('ann', { text: 'framework approved' }).catch(() => undefined);
    await t.ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'framework approved' }, requireApproval: false });
    expect(ran).toEqual([{ text: 'framework approved' }]);
    await held(t.ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: {}, requireApproval: true }));
    await expectOnBehalfError(t.ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: {}, requireApproval: 'always' as never }), 'CONFIGURATION_ERROR');
  });

  it("holds a write tool run through tool search's call_tool too, and hands the model the request to approve", async () => {
    const [search, call] = await boundTools(t.ob, { identifier: 'ann', mode: 'search', requireApproval: 'writes' });
    // The model learns from the search which tools will ask the person first.
    const found = await search!.run({ query: 'add a note' });
    expect(found).toMatchObject({ ok: true, data: { tools: expect.arrayContaining([
      expect.objectContaining({ name: 'notes_add', writes: true, requiresApproval: true }),
      expect.not.objectContaining({ writes: true }),
    ]) } });
    const input = { name: 'notes_add', input: { text: 'via search' } };
    const first = await call!.run(input);
    if (first.ok) throw new Error('expected an approval request');
    expect(first.error).toMatchObject({ error: 'APPROVAL_REQUIRED', tool: 'notes_add', input: { text: 'via search' } });
    // An adapter's framework approval covers only tools it was told to hold, never call_tool's target.
    expect(await call!.run(input, undefined, { approvedByFramework: true })).toMatchObject({ ok: false, error: { error: 'APPROVAL_REQUIRED' } });
    expect(ran).toEqual([]);
    t.ob.tools.approve(first.error.approvalId!);
    expect(await call!.run(input)).toMatchObject({ ok: true, data: { added: 'via search' } });
    expect(ran).toHaveLength(1);
  });

  it('asks an unconnected person to connect before asking for approval', async () => {
    await expectOnBehalfError(add('carol', { text: 'hi' }), 'AUTHORIZATION_REQUIRED');
  });
});

describe('the approval store', () => {
  it('forgets a request, and an unused decision, after its time', () => {
    let now = 1_000_000;
    const store = createApprovalStore({ now: () => now, ttlSeconds: 60 });
    const call = { identifier: 'ann', connection: 'notes', tool: 'notes_add', input: { text: 'x' } };
    const first = store.check(call);
    if (first.kind !== 'pending') throw new Error('expected a pending request');
    now += 61_000;
    expect(store.get(first.approval.approvalId)).toBeUndefined();
    expect(() => store.approve(first.approval.approvalId)).toThrow(expect.objectContaining({ code: 'APPROVAL_NOT_FOUND' }));
    const second = store.check(call);
    if (second.kind !== 'pending') throw new Error('expected a pending request');
    store.approve(second.approval.approvalId);
    now += 61_000;
    expect(store.check(call).kind).toBe('pending');
  });

  it('keeps at most maxOpen requests, forgetting the oldest', () => {
    const store = createApprovalStore({ now: () => 0, maxOpen: 2 });
    const ids = [1, 2, 3].map((n) => store.check({ identifier: 'ann', connection: 'c', tool: 't', input: { n } })).map((c) => (c.kind === 'pending' ? c.approval.approvalId : ''));
    expect(ids.map((id) => store.get(id)?.input)).toEqual([undefined, { n: 2 }, { n: 3 }]);
  });
});
