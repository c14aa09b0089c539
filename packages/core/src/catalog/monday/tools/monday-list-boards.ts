import { z } from 'zod';
import { compact, defineTool, truncate } from '../../../tools/index.ts';
import { mondayId, mondayRequest } from '../monday-graphql.ts';

const QUERY = `query ListBoards($limit: Int!, $page: Int!, $workspaceIds: [ID]) {
  boards(limit: $limit, page: $page, workspace_ids: $workspaceIds, state: active, order_by: used_at) {
    id
    name
    description
    board_kind
    workspace_id
    items_count
    url
    groups { id title }
    columns { id title type }
  }
}`;

interface Board {
  id: string;
  name: string;
  description?: string | null;
  board_kind?: string;
  workspace_id?: string | null;
  items_count?: number | null;
  url?: string;
  groups?: Array<{ id: string; title: string } | null> | null;
  columns?: Array<{ id: string; title: string; type: string } | null> | null;
}

export const mondayListBoards = defineTool({
  name: 'monday_list_boards',
  provider: 'monday',
  description: 'List the monday.com boards the connected user can see, most recently used first, with their groups and columns (ids needed to create items or change column values).',
  scopes: ['boards:read'],
  input: z.object({
    limit: z.number().int().min(1).max(50).optional().describe('How many boards per page (default 20).'),
    page: z.number().int().min(1).max(1000).optional().describe('Page number, from 1.'),
    workspaceIds: z.array(mondayId('Workspace id.')).min(1).max(20).optional().describe('Only boards of these workspaces.'),
  }),
  async execute({ limit, page, workspaceIds }, ctx) {
    const data = await mondayRequest<{ boards: Array<Board | null> }>(ctx, QUERY, { limit: limit ?? 20, page: page ?? 1, ...(workspaceIds ? { workspaceIds } : {}) });
    return {
      boards: data.boards.filter((b): b is Board => b !== null).map((b) => compact({
        id: b.id,
        name: b.name,
        description: b.description ? truncate(b.description, 200) : undefined,
        kind: b.board_kind,
        workspaceId: b.workspace_id,
        itemsCount: b.items_count,
        url: b.url,
        groups: (b.groups ?? []).flatMap((g) => (g ? [{ id: g.id, title: g.title }] : [])).slice(0, 30),
        columns: (b.columns ?? []).flatMap((c) => (c ? [{ id: c.id, title: c.title, type: c.type }] : [])).slice(0, 40),
      })),
    };
  },
});
