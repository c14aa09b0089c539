import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { defineProvider } from '../../providers/index.ts';
import { OnBehalfError } from '../../errors.ts';
import type { OnBehalf, OnBehalfOptions } from '../../create-on-behalf.ts';
import { describeEachDialect, type TestDialect } from '../../../test/support/databases.ts';
import { expectOnBehalfError } from '../../../test/support/expect-error.ts';
import { createTestOnBehalf, type TestOnBehalf } from '../../../test/support/test-on-behalf.ts';
import { defineTool } from '../define-tool.ts';
import type { AfterExecuteEvent, BeforeExecuteEvent } from './tool-hooks.ts';

/**
 * beforeExecute / afterExecute and the output bound through ob.tools.execute, on a real onbehalf
 * (an API-key account made ACTIVE with setCredentials). The tools record what reached them, so a
 * denied call is seen not to run and a changed input is seen to arrive.
 */

const notes = defineProvider({ id: 'notes', name: 'Notes', auth: { type: 'api_key', header: 'Authorization', template: 'Bearer {apiKey}' }, api: { baseUrl: 'https://notes.example' } });
const ran: unknown[] = [];

const addNote = defineTool({
  name: 'notes_add',
  provider: 'notes',
  writes: true,
  description: 'Adds a note.',
  input: z.object({ text: z.string().max(50), tags: z.array(z.string()).default([]) }),
  execute(input) {
    ran.push(input);
    return { id: `note_${ran.length}`, text: input.text, tags: input.tags, secret: 'internal-42' };
  },
  hooks: {
    // Typed by the tool's own schema: `input.text` is a string here.
    beforeExecute: ({ input }) => (input.text.startsWith('own:') ? { input: { ...input, tags: [...input.tags, 'own-hook'] } } : undefined),
  },
});

const listNotes = defineTool({
  name: 'notes_list',
  provider: 'notes',
  description: 'Lists notes.',
  input: z.object({ count: z.number().int().min(1).max(100_000) }),
  execute: ({ count }) => Array.from({ length: count }, (_, i) => ({ id: `note_${i}`, text: `Note number ${i}` })),
});

describeEachDialect('tool hooks and the output bound', (dialect: TestDialect) => {
  let t: TestOnBehalf;
  const seen: { before: BeforeExecuteEvent[]; after: AfterExecuteEvent[] } = { before: [], after: [] };
  let before: (e: BeforeExecuteEvent) => unknown = () => undefined;
  let keyedBefore: (e: BeforeExecuteEvent) => unknown = () => undefined;
  let after: (e: AfterExecuteEvent) => unknown = () => undefined;
  let ob: OnBehalf;

  const options: Partial<OnBehalfOptions> = {
    providers: [notes],
    tools: [addNote, listNotes],
    connections: [{ name: 'notes', provider: 'notes' }],
    maxOutputChars: 2_000,
    hooks: {
      beforeExecute: (e) => { seen.before.push(e); return before(e) as never; },
      afterExecute: (e) => { seen.after.push(e); return after(e) as never; },
      tools: { notes_add: { beforeExecute: (e) => keyedBefore(e) as never } },
    },
  };

  beforeAll(async () => {
    t = await createTestOnBehalf(dialect, options);
    ob = t.ob;
    await ob.accounts.setCredentials({ connection: 'notes', identifier: 'ann', credentials: { apiKey: 'key-ann' } });
  });
  afterAll(() => t?.cleanup());
  beforeEach(() => {
    ran.length = 0;
    seen.before.length = 0;
    seen.after.length = 0;
    before = () => undefined;
    keyedBefore = () => undefined;
    after = () => undefined;
  });

  it('runs a call the hooks allow, and tells them who, which tool and what', async () => {
    before = () => ({ allow: true });
    const { data } = await ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'milk' } });
    expect(data).toEqual({ id: 'note_1', text: 'milk', tags: [], secret: 'internal-42' });
    expect(seen.before).toEqual([{ identifier: 'ann', tool: { name: 'notes_add', provider: 'notes', connection: 'notes', writes: true }, input: { text: 'milk', tags: [] }, executionId: expect.stringMatching(/^exe_/) }]);
    expect(seen.after).toEqual([{ ...seen.before[0], output: data }]);
  });

  it('denies a call with a reason the caller gets as TOOL_DENIED, and the tool never runs', async () => {
    before = ({ input }) => ((input as { text: string }).text.includes('password') ? { deny: 'Notes must not hold passwords.' } : undefined);
    const error = await expectOnBehalfError(ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'my password is hunter2' } }), 'TOOL_DENIED');
    expect(error.message).toBe('Notes must not hold passwords.');
    expect(error.status).toBe(403);
    expect(ran).toEqual([]);
    expect(seen.after).toEqual([]);
  });

  it('runs the changed input, validated again, through global, keyed and the tool\'s own hooks in that order', async () => {
    before = ({ input }) => ({ input: { ...(input as object), tags: ['global'] } });
    keyedBefore = ({ input }) => ({ input: { ...(input as { tags: string[] }), tags: [...(input as { tags: string[] }).tags, 'keyed'] } });
    await ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'own: eggs' } });
    expect(ran).toEqual([{ text: 'own: eggs', tags: ['global', 'keyed', 'own-hook'] }]);

    // An input the schema refuses is the app's bug, not the model's: a 500-class error.
    before = () => ({ input: { text: 'x'.repeat(51) } });
    const error = await expectOnBehalfError(ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'fine' } }), 'CONFIGURATION_ERROR');
    expect(error.message).toContain('text');
    expect(ran).toHaveLength(1);
  });

  it('reshapes and redacts the output in afterExecute', async () => {
    after = ({ output }) => {
      const { secret: _dropped, ...rest } = output as Record<string, unknown>;
      return { output: rest };
    };
    const { data } = await ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'bread' } });
    expect(data).toEqual({ id: 'note_1', text: 'bread', tags: [] });
    expect(JSON.stringify(data)).not.toContain('internal-42');
  });

  it('a hook that throws stops the call with its own error', async () => {
    before = () => { throw new OnBehalfError('INVALID_PERMISSIONS', 'Ann may not add notes today.'); };
    await expectOnBehalfError(ob.tools.execute({ identifier: 'ann', tool: 'notes_add', input: { text: 'x' } }), 'INVALID_PERMISSIONS');
    expect(ran).toEqual([]);
  });

  it('cuts an output longer than maxOutputChars and says how much is missing', async () => {
    const small = await ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: { count: 3 } });
    expect(small.truncated).toBeUndefined();
    expect(small.data).toHaveLength(3);

    const full = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ id: `note_${i}`, text: `Note number ${i}` })));
    const big = await ob.tools.execute<string>({ identifier: 'ann', tool: 'notes_list', input: { count: 500 } });
    expect(big.truncated).toEqual({ totalChars: full.length, shownChars: 2_000 });
    expect(typeof big.data).toBe('string');
    expect(big.data.startsWith(full.slice(0, 2_000))).toBe(true);
    expect(big.data).toContain(`${full.length - 2_000} of ${full.length} characters cut`);

    // Per call: a larger bound, or none.
    expect((await ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: { count: 500 }, maxOutputChars: Infinity })).data).toHaveLength(500);
    const wider = await ob.tools.execute<string>({ identifier: 'ann', tool: 'notes_list', input: { count: 500 }, maxOutputChars: 5_000 });
    expect(wider.truncated?.shownChars).toBe(5_000);
    await expectOnBehalfError(ob.tools.execute({ identifier: 'ann', tool: 'notes_list', input: { count: 1 }, maxOutputChars: 0 }), 'INVALID_INPUT');
  });

  it('cuts a text output as text, not as its quoted JSON', async () => {
    after = () => ({ output: 'word '.repeat(1_000) });
    const { data, truncated } = await ob.tools.execute<string>({ identifier: 'ann', tool: 'notes_add', input: { text: 'long' } });
    expect(truncated).toEqual({ totalChars: 5_000, shownChars: 2_000 });
    expect(data.startsWith('word word')).toBe(true);
    expect(data).toContain('3000 of 5000 characters cut');
  });

  it('refuses hooks that are not functions at startup', async () => {
    await expect(createTestOnBehalf(dialect, { ...options, hooks: { beforeExecute: 'no' as never } })).rejects.toMatchObject({ code: 'CONFIGURATION_ERROR' });
    expect(() => defineTool({ ...listNotes, name: 'notes_bad', hooks: { afterExecute: 1 as never } })).toThrow(/hooks/);
  });
});
