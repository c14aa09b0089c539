import { z } from 'zod';
import { pathSegment } from '../../tools/index.ts';

/** The key is the part after /design/ (or /file/, /board/) in a file's URL. */
export const fileKey = pathSegment('The file key: the part after /design/ (or /file/, /board/) in the file\'s URL, e.g. "FigmaKey123abc" in figma.com/design/FigmaKey123abc/Website.', 128);

export interface FigmaUser {
  id?: string;
  handle?: string;
}

export interface FigmaComment {
  id: string;
  file_key?: string;
  parent_id?: string;
  user?: FigmaUser | null;
  created_at: string;
  resolved_at?: string | null;
  message: string;
  order_id?: string | null;
  client_meta?: { node_id?: string } | Record<string, unknown> | null;
}

export const commentSummary = (c: FigmaComment, maxChars = 1000) => ({
  id: c.id,
  parentId: c.parent_id || undefined,
  author: c.user?.handle,
  message: c.message.length > maxChars ? `${c.message.slice(0, maxChars)}…` : c.message,
  createdAt: c.created_at,
  resolvedAt: c.resolved_at ?? undefined,
  number: c.order_id ?? undefined,
  nodeId: typeof (c.client_meta as { node_id?: unknown } | null)?.node_id === 'string' ? (c.client_meta as { node_id: string }).node_id : undefined,
});

export const figmaId = (what: string) => pathSegment(`${what} id (digits), from the URL of the team or project page in Figma.`, 32);
export const nodeId = z.string().trim().regex(/^[0-9A-Za-z;:_-]{1,64}$/, 'A node id like "1:23".');
