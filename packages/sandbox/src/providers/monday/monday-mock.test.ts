import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaSubsetProblems } from '../../../test/support/published-schema-subset.ts';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';
import { MONDAY_SDL } from './monday-schema.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('monday.com mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  const gql = (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => s.call('POST', '/monday/v2', { body: { query, ...(variables ? { variables } : {}) }, headers });

  it("serves a true subset of monday's published schema", () => {
    expect(schemaSubsetProblems(MONDAY_SDL, 'monday-schema.graphql')).toEqual([]);
  });

  it('takes the API token bare, as monday documents it, and answers with account_id', async () => {
    const bare = await fetch(`${s.origin}/monday/v2`, { method: 'POST', headers: { authorization: 'tok-alice', 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { name account { slug } } }' }) });
    expect(await bare.json()).toEqual({ data: { me: { name: 'Alice Chen', account: { slug: 'acme' } } }, account_id: Number(s.mock.state.monday.account('alice').account.id) });
    const none = await fetch(`${s.origin}/monday/v2`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' });
    expect(none.status).toBe(401);
  });

  it('executes items pages with column values of each type, and changes values as monday does', async () => {
    const board = s.mock.state.monday.account('alice').boards[0]!;
    const page = await gql('query($b: [ID!]) { boards(ids: $b) { items_page(limit: 1) { cursor items { name column_values { id text ... on StatusValue { value } } } } } }', { b: [board.id] });
    const [first] = page.json.data.boards;
    expect(first.items_page.items[0].name).toBe('SSO for enterprise plans');
    expect(first.items_page.items[0].column_values[0]).toEqual({ id: 'status', text: 'Working on it', value: '{"label":"Working on it"}' });
    expect(first.items_page.cursor).toEqual(expect.any(String));

    const item = board.items[0]!;
    const changed = await gql('mutation($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { column_values(ids: ["status"]) { text } } }', { b: board.id, i: item.id, v: '{"status":{"label":"Done"}}' });
    expect(changed.json.data.change_multiple_column_values.column_values).toEqual([{ text: 'Done' }]);
    const wrong = await gql('mutation($b: ID!, $i: ID, $v: JSON!) { change_multiple_column_values(board_id: $b, item_id: $i, column_values: $v) { id } }', { b: board.id, i: item.id, v: '{"status":{"label":"Shipped"}}' });
    expect(wrong.status).toBe(200);
    expect(wrong.json.errors[0]).toMatchObject({ message: expect.stringContaining("This status label doesn't exist"), extensions: { code: 'ColumnValueException' } });
  });

  it('answers an invalid document with HTTP 200 and the validation error, as monday does', async () => {
    const typo = await gql('{ boards { nmae } }');
    expect(typo.status).toBe(200);
    expect(typo.json.errors[0].message).toMatch(/^Cannot query field "nmae" on type "Board"/);
  });
});
