import { z } from 'zod';
import { compact, defineTool, graphqlFailure, truncate } from '../../../tools/index.ts';
import { MONDAY_GRAPHQL, mondayId, mondayRequest } from '../monday-graphql.ts';

const MUTATION = `mutation PostUpdate($itemId: ID!, $body: String!) {
  create_update(item_id: $itemId, body: $body) {
    id
    body
    text_body
    created_at
    creator { name }
  }
}`;

interface Answer {
  create_update: { id: string; body: string; text_body?: string | null; created_at?: string | null; creator?: { name: string } | null } | null;
}

export const mondayPostUpdate = defineTool({
  name: 'monday_post_update',
  provider: 'monday',
  writes: true,
  description: 'Post an update (a comment in the item\'s updates thread) on a monday.com item. The body may use simple HTML such as <p>, <b>, <a>.',
  scopes: ['updates:write'],
  input: z.object({
    itemId: mondayId('Item id.'),
    body: z.string().trim().min(1).max(20_000).describe('Update text (plain text or simple HTML).'),
  }),
  async execute({ itemId, body }, ctx) {
    const data = await mondayRequest<Answer>(ctx, MUTATION, { itemId, body });
    const update = data.create_update;
    if (!update) throw graphqlFailure(ctx, MONDAY_GRAPHQL, 'create_update returned no update');
    return compact({ id: update.id, createdAt: update.created_at, author: update.creator?.name, text: truncate(update.text_body ?? update.body, 300) });
  },
});
