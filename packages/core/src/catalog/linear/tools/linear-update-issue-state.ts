import { z } from 'zod';
import { OnBehalfError } from '../../../errors.ts';
import { defineTool, graphqlFailure } from '../../../tools/index.ts';
import { ISSUE_FIELDS, issueRef, issueSummary, LINEAR_GRAPHQL, linearRequest, type LinearIssue } from '../linear-issue.ts';

const STATES = `query IssueTeamStates($id: String!) {
  issue(id: $id) {
    id
    team { states(first: 100) { nodes { id name type } } }
  }
}`;

const MUTATION = `mutation UpdateIssueState($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) {
    success
    issue { ${ISSUE_FIELDS} }
  }
}`;

interface States {
  issue: { id: string; team: { states: { nodes: Array<{ id: string; name: string; type: string }> } } };
}

interface Updated {
  issueUpdate: { success: boolean; issue?: LinearIssue | null };
}

export const linearUpdateIssueState = defineTool({
  name: 'linear_update_issue_state',
  provider: 'linear',
  writes: true,
  description: "Move a Linear issue to another workflow state of its team, by the state's name (like 'In Progress' or 'Done') or id.",
  scopes: ['write'],
  input: z.object({
    issue: issueRef('Issue id or identifier, like ENG-123.'),
    state: z.string().trim().min(1).max(100).describe("Target state name ('Todo', 'In Progress', 'Done', …) or id."),
  }),
  async execute({ issue, state }, ctx) {
    // States belong to the issue's team: look them up rather than trust a name the model guessed.
    const { issue: found } = await linearRequest<States>(ctx, STATES, { id: issue });
    const states = found.team.states.nodes;
    const target = states.find((s) => s.id === state) ?? states.find((s) => s.name.toLowerCase() === state.toLowerCase());
    if (!target) {
      throw new OnBehalfError('TOOL_INPUT_INVALID', `The issue's team has no state '${state}'. Its states: ${states.map((s) => s.name).join(', ')}.`, { details: { states: states.map((s) => s.name) } });
    }
    const data = await linearRequest<Updated>(ctx, MUTATION, { id: found.id, input: { stateId: target.id } });
    if (!data.issueUpdate.success || !data.issueUpdate.issue) throw graphqlFailure(ctx, LINEAR_GRAPHQL, 'issueUpdate did not succeed');
    return issueSummary(data.issueUpdate.issue);
  },
});
