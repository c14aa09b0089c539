import { describe, expect, it } from 'vitest';
import { coreCatalog } from './core-catalog.ts';

/**
 * The GraphQL check against Linear's and monday.com's published schemas, through the same
 * bindings (`catalog/{linear,monday}/fixtures/api-description.json`) the replay suite uses.
 */
const check = coreCatalog.check;
const LINEAR = 'https://api.linear.app/graphql';
const MONDAY = 'https://api.monday.com/v2';
const json = 'application/json; charset=utf-8';

const teams = 'query Teams($first: Int!) { teams(first: $first) { nodes { id key name } pageInfo { hasNextPage endCursor } } }';

describe('checkRequestAgainstSpec: GraphQL (Linear, monday.com)', () => {
  it('accepts a document and variables the schema allows, naming the operation', () => {
    expect(check('linear', { method: 'POST', url: LINEAR, contentType: json, body: { query: teams, variables: { first: 5 } } }))
      .toEqual({ ok: true, operation: 'Teams', problems: [] });
    const createItem = 'mutation CreateItem($boardId: ID!, $name: String!, $values: JSON) { create_item(board_id: $boardId, item_name: $name, column_values: $values) { id name } }';
    expect(check('monday', { method: 'POST', url: MONDAY, contentType: json, body: { query: createItem, variables: { boardId: '5083424170', name: 'x', values: '{"status":{"label":"Done"}}' } } }))
      .toEqual({ ok: true, operation: 'CreateItem', problems: [] });
  });

  it('fails a misspelt field, argument or enum value anywhere in the document', () => {
    const typo = check('linear', { method: 'POST', url: LINEAR, body: { query: teams.replace('endCursor', 'endCurser'), variables: { first: 5 } } });
    expect(typo.ok).toBe(false);
    expect(typo.problems.join(' ')).toContain('Cannot query field "endCurser" on type "PageInfo"');
    const argument = check('monday', { method: 'POST', url: MONDAY, body: { query: '{ boards(limitt: 5) { id } }' } });
    expect(argument.problems.join(' ')).toContain('Unknown argument "limitt"');
    const enumValue = check('monday', { method: 'POST', url: MONDAY, body: { query: '{ boards(state: open) { id } }' } });
    expect(enumValue.problems.join(' ')).toMatch(/Value "open" does not exist in "State" enum/);
  });

  it('fails a document that does not parse', () => {
    const r = check('linear', { method: 'POST', url: LINEAR, body: { query: 'query { viewer { id }' } });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/^the document does not parse: Syntax Error/);
  });

  it('coerces the variables to their declared types: missing, mistyped and undeclared ones fail', () => {
    const missing = check('linear', { method: 'POST', url: LINEAR, body: { query: teams } });
    expect(missing.problems.join(' ')).toMatch(/Variable "\$first" has invalid value: Expected a value of non-null type "Int!" to be provided/);
    const mistyped = check('linear', { method: 'POST', url: LINEAR, body: { query: teams, variables: { first: 'five' } } });
    expect(mistyped.problems.join(' ')).toMatch(/Variable "\$first" has invalid value/);
    const nestedInput = 'mutation C($input: IssueCreateInput!) { issueCreate(input: $input) { success } }';
    const badField = check('linear', { method: 'POST', url: LINEAR, body: { query: nestedInput, variables: { input: { teamId: 't', titel: 'x' } } } });
    expect(badField.problems.join(' ')).toMatch(/titel/);
    const undeclared = check('linear', { method: 'POST', url: LINEAR, body: { query: teams, variables: { first: 5, after: 'c' } } });
    expect(undeclared).toMatchObject({ ok: false, problems: ['variable "$after" is not declared by the operation'] });
  });

  it('wants POST with a JSON body at the endpoint itself', () => {
    expect(check('linear', { method: 'GET', url: LINEAR, body: { query: teams, variables: { first: 1 } } }).problems).toEqual(['GraphQL documents are sent with POST, not GET']);
    expect(check('linear', { method: 'POST', url: `${LINEAR}/teams`, body: { query: teams } }).problems[0]).toMatch(/endpoint itself/);
    expect(check('linear', { method: 'POST', url: LINEAR, contentType: 'application/x-www-form-urlencoded', body: { query: teams } }).ok).toBe(false);
    expect(check('linear', { method: 'POST', url: 'https://api.linear.com/graphql', body: { query: teams } }).ok).toBe(false);
    expect(check('linear', { method: 'POST', url: LINEAR, body: { query: teams, variables: { first: 1 }, extra: 1 } }).problems).toEqual(['unknown body field "extra"']);
  });
});
