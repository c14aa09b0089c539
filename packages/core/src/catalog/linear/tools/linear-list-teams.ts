import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { linearRequest, nextCursor } from '../linear-issue.ts';

const QUERY = `query Teams($first: Int!, $after: String) {
  teams(first: $first, after: $after) {
    nodes { id key name description }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Answer {
  teams: { nodes: Array<{ id: string; key: string; name: string; description?: string | null }>; pageInfo: { hasNextPage: boolean; endCursor?: string | null } };
}

export const linearListTeams = defineTool({
  name: 'linear_list_teams',
  provider: 'linear',
  description: 'List the Linear teams the connected user can see: id (needed to create issues), key (the prefix of issue identifiers, like ENG) and name.',
  scopes: ['read'],
  input: z.object({
    first: z.number().int().min(1).max(100).optional().describe('How many teams (default 50).'),
    after: z.string().trim().min(1).max(512).optional().describe('nextCursor from a previous call.'),
  }),
  async execute({ first, after }, ctx) {
    const data = await linearRequest<Answer>(ctx, QUERY, { first: first ?? 50, ...(after ? { after } : {}) });
    return compact({
      teams: data.teams.nodes.map((t) => compact({ id: t.id, key: t.key, name: t.name, description: t.description ? truncate(t.description, 200) : undefined })),
      nextCursor: nextCursor(data.teams.pageInfo),
    });
  },
});
