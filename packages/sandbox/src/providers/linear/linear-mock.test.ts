import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaSubsetProblems } from '../../../test/support/published-schema-subset.ts';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';
import { LINEAR_SDL } from './linear-schema.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('Linear mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  const gql = (query: string, variables?: Record<string, unknown>, token?: string | null) => s.call('POST', '/linear/graphql', { body: { query, ...(variables ? { variables } : {}) }, ...(token !== undefined ? { token } : {}) });

  it("serves a true subset of Linear's published schema", () => {
    expect(schemaSubsetProblems(LINEAR_SDL, 'linear-schema.graphql')).toEqual([]);
  });

  it('executes any document over its fields: nested selections, fragments, variables', async () => {
    const answer = await gql('fragment S on WorkflowState { name type } query Q($n: Int!) { viewer { name assignedIssues(first: $n, filter: { state: { type: { nin: ["completed", "canceled"] } } }) { nodes { identifier state { ...S } } pageInfo { hasNextPage } } } }', { n: 2 });
    expect(answer.status).toBe(200);
    expect(answer.json.data.viewer).toEqual({ name: 'Alice Chen', assignedIssues: { nodes: [{ identifier: 'ENG-1', state: { name: 'In Progress', type: 'started' } }, { identifier: 'OPS-1', state: { name: 'Todo', type: 'unstarted' } }], pageInfo: { hasNextPage: true } } });
  });

  it("refuses what Linear refuses, in Linear's shapes", async () => {
    const typo = await gql('{ viewer { nmae } }');
    expect(typo.status).toBe(400);
    expect(typo.json.errors[0].message).toBe('Cannot query field "nmae" on type "User". Did you mean "name"?');
    const missing = await gql('query { issue(id: "ENG-404") { id } }');
    expect(missing.status).toBe(200);
    expect(missing.json.errors[0]).toMatchObject({ message: 'Entity not found: Issue', extensions: { code: 'ENTITY_NOT_FOUND' } });
    const unauthenticated = await gql('{ viewer { id } }', undefined, null);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.json.errors[0].extensions).toMatchObject({ code: 'AUTHENTICATION_ERROR' });
    const team = s.mock.state.linear.workspace('alice').teams[0]!;
    const badState = await gql('mutation($i: IssueCreateInput!) { issueCreate(input: $i) { success } }', { i: { teamId: team.id, title: 'x', stateId: s.mock.state.linear.workspace('alice').teams[1]!.states[0]!.id } });
    expect(badState.json.errors[0].extensions).toMatchObject({ code: 'INVALID_INPUT', userPresentableMessage: "stateId must be a workflow state of the issue's team." });
  });

  it('keeps what was created, per user', async () => {
    const team = s.mock.state.linear.workspace('alice').teams[0]!;
    const created = await gql('mutation($i: IssueCreateInput!) { issueCreate(input: $i) { success issue { identifier title state { name } } } }', { i: { teamId: team.id, title: 'Mock issue' } });
    expect(created.json.data.issueCreate).toEqual({ success: true, issue: { identifier: 'ENG-5', title: 'Mock issue', state: { name: 'Todo' } } });
    const found = await gql('{ searchIssues(term: "mock issue") { nodes { identifier } totalCount } }');
    expect(found.json.data.searchIssues).toEqual({ nodes: [{ identifier: 'ENG-5' }], totalCount: 1 });
    const bob = await gql('{ searchIssues(term: "mock issue") { totalCount } }', undefined, 'tok-bob');
    expect(bob.json.data.searchIssues.totalCount).toBe(0);
  });
});
