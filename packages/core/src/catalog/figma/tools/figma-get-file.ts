import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { fileKey } from '../figma-types.ts';

interface FigmaNode {
  id: string;
  name: string;
  type: string;
  children?: FigmaNode[];
}

interface FigmaFile {
  name: string;
  role?: string;
  lastModified?: string;
  editorType?: string;
  version?: string;
  document: FigmaNode;
}

interface NodeSummary {
  id: string;
  name: string;
  type: string;
  children?: NodeSummary[];
  childCount?: number;
}

/**
 * The tree in breadth-first order up to `maxNodes`: pages first, then their top-level frames, so a
 * cut keeps the outline rather than one deep branch. A node whose children were cut says how many it has.
 */
function outline(pages: FigmaNode[], maxNodes: number): { pages: NodeSummary[]; truncated: boolean } {
  let budget = maxNodes;
  let truncated = false;
  const summarize = (node: FigmaNode): NodeSummary => ({ id: node.id, name: node.name, type: node.type });
  const roots = pages.slice(0, budget).map(summarize);
  budget -= roots.length;
  if (pages.length > roots.length) truncated = true;
  let level: Array<[FigmaNode, NodeSummary]> = pages.slice(0, roots.length).map((page, i) => [page, roots[i]!]);
  while (level.length > 0) {
    const next: Array<[FigmaNode, NodeSummary]> = [];
    for (const [node, summary] of level) {
      const children = node.children ?? [];
      if (children.length === 0) continue;
      const taken = children.slice(0, Math.max(0, budget));
      budget -= taken.length;
      if (taken.length > 0) summary.children = taken.map(summarize);
      if (taken.length < children.length) {
        summary.childCount = children.length;
        truncated = true;
      }
      taken.forEach((child, i) => next.push([child, summary.children![i]!]));
    }
    level = next;
  }
  return { pages: roots, truncated };
}

export const figmaGetFile = defineTool({
  name: 'figma_get_file',
  provider: 'figma',
  description: 'Get the structure of a Figma or FigJam file: its name, version and last change, and its pages with their frames and layers (ids, names, types) down to `depth`, cut to maxNodes. Use node ids to place comments.',
  scopes: ['file_content:read'],
  input: z.object({
    file_key: fileKey,
    depth: z.number().int().min(1).max(4).default(2).describe('How deep to go: 1 = pages only, 2 = pages and their top-level frames, 3-4 = layers inside frames.'),
    version: z.string().trim().regex(/^\d{1,20}$/).optional().describe('A version id from the file\'s history (default: current).'),
    maxNodes: z.number().int().min(1).max(500).default(150).describe('Most nodes returned; a cut is marked truncated.'),
  }),
  async execute({ file_key, depth, version, maxNodes }, ctx) {
    // `depth` keeps Figma from sending the whole document, which can be tens of megabytes.
    const file = await ctx.request<FigmaFile>(path`/v1/files/${file_key}`, { query: { depth, version } });
    const { pages, truncated } = outline(file.document?.children ?? [], maxNodes);
    return compact({
      name: file.name,
      editorType: file.editorType,
      role: file.role,
      lastModified: file.lastModified,
      version: file.version,
      pages,
      truncated: truncated || undefined,
    });
  },
});
