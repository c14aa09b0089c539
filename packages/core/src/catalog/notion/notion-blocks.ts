import { z } from 'zod';

/** Notion caps one rich text item at 2000 characters and one request at 100 blocks. */
export const MAX_TEXT = 2000;
export const MAX_BLOCKS = 100;

export const notionId = (description: string) =>
  z.string().trim().regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, 'Not a Notion id').describe(description);

/** Request-shaped rich text, split into items Notion accepts. */
export function textItems(text: string) {
  const items = [];
  for (let i = 0; i < text.length; i += MAX_TEXT) items.push({ type: 'text' as const, text: { content: text.slice(i, i + MAX_TEXT) } });
  return items;
}

/** Paragraphs split on blank lines; beyond 100, the rest joins the last one so nothing is lost. */
export function paragraphBlocks(content: string) {
  const parts = content.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
  const kept = parts.length > MAX_BLOCKS ? [...parts.slice(0, MAX_BLOCKS - 1), parts.slice(MAX_BLOCKS - 1).join('\n\n')] : parts;
  return kept.map((p) => ({ object: 'block' as const, type: 'paragraph' as const, paragraph: { rich_text: textItems(p) } }));
}

type LineBlock =
  | { object: 'block'; type: 'paragraph'; paragraph: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'heading_1'; heading_1: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'heading_2'; heading_2: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'heading_3'; heading_3: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'bulleted_list_item'; bulleted_list_item: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'numbered_list_item'; numbered_list_item: { rich_text: ReturnType<typeof textItems> } }
  | { object: 'block'; type: 'to_do'; to_do: { rich_text: ReturnType<typeof textItems>; checked: boolean } };

/**
 * Text a model writes, one block per non-empty line: `# `/`## `/`### ` headings, `- ` or `* `
 * bullets, `1. ` numbered items, `[ ] `/`[x] ` to-dos, anything else a paragraph. The markers are
 * what models produce anyway; Notion's block API has no markdown input for appending.
 */
export function lineBlocks(content: string): LineBlock[] {
  const blocks: LineBlock[] = [];
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    let match: RegExpExecArray | null;
    if ((match = /^(#{1,3})\s+(.*)$/.exec(line))) {
      const rich = { rich_text: textItems(match[2]!) };
      const level = match[1]!.length;
      blocks.push(level === 1 ? { object: 'block', type: 'heading_1', heading_1: rich } : level === 2 ? { object: 'block', type: 'heading_2', heading_2: rich } : { object: 'block', type: 'heading_3', heading_3: rich });
    } else if ((match = /^\[( |x|X)\]\s+(.*)$/.exec(line)) || (match = /^[-*]\s+\[( |x|X)\]\s+(.*)$/.exec(line))) {
      blocks.push({ object: 'block', type: 'to_do', to_do: { rich_text: textItems(match[2]!), checked: match[1] !== ' ' } });
    } else if ((match = /^[-*]\s+(.*)$/.exec(line))) {
      blocks.push({ object: 'block', type: 'bulleted_list_item', bulleted_list_item: { rich_text: textItems(match[1]!) } });
    } else if ((match = /^\d+[.)]\s+(.*)$/.exec(line))) {
      blocks.push({ object: 'block', type: 'numbered_list_item', numbered_list_item: { rich_text: textItems(match[1]!) } });
    } else {
      blocks.push({ object: 'block', type: 'paragraph', paragraph: { rich_text: textItems(line) } });
    }
  }
  return blocks;
}
