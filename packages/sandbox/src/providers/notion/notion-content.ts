import { isRecord, type SeededRandom } from '../../mock-api/index.ts';
import { richText, type NotionDatabase, type NotionPage, type NotionWorkspace } from './notion-seed.ts';

/**
 * What the Notion mock does with page content, rows and comments: Notion's enhanced-markdown
 * rendering of a page (`GET /v1/pages/{id}/markdown`), a data source query with the common
 * property filters and sorts, block appends placed by `position`, and comments.
 */

export interface NotionComment {
  id: string;
  discussionId: string;
  pageId: string;
  text: string;
  createdTime: string;
  createdBy: string;
}

const plainOf = (block: Record<string, unknown>): string => {
  const body = isRecord(block[String(block.type)]) ? (block[String(block.type)] as Record<string, unknown>) : {};
  return Array.isArray(body.rich_text) ? body.rich_text.map((t) => (isRecord(t) ? String(t.plain_text ?? (isRecord(t.text) ? t.text.content : '') ?? '') : '')).join('') : '';
};

/** The markdown Notion renders for the block types the mock stores. */
export function pageMarkdown(page: NotionPage): string {
  return page.children.filter(isRecord).map((block) => {
    const text = plainOf(block);
    switch (block.type) {
      case 'heading_1': return `# ${text}`;
      case 'heading_2': return `## ${text}`;
      case 'heading_3': return `### ${text}`;
      case 'bulleted_list_item': return `- ${text}`;
      case 'numbered_list_item': return `1. ${text}`;
      case 'to_do': return `- [${isRecord(block.to_do) && block.to_do.checked ? 'x' : ' '}] ${text}`;
      default: return text;
    }
  }).join('\n');
}

/** Request-shaped blocks → stored, response-shaped blocks (ids, rich text with plain_text). */
export function storedBlocks(children: unknown[], page: NotionPage, random: SeededRandom, now: string): Record<string, unknown>[] {
  return children.filter(isRecord).map((block) => {
    const type = String(block.type);
    const body = isRecord(block[type]) ? (block[type] as Record<string, unknown>) : {};
    const rich = Array.isArray(body.rich_text) ? body.rich_text.map((item) => richText(isRecord(item) && isRecord(item.text) && typeof item.text.content === 'string' ? item.text.content : '')) : [];
    return {
      object: 'block', id: random.uuid(), parent: { type: 'page_id', page_id: page.id }, created_time: now, last_edited_time: now,
      created_by: { object: 'user', id: page.created_by }, last_edited_by: { object: 'user', id: page.created_by }, has_children: false, in_trash: false,
      type, [type]: { ...body, rich_text: rich, color: 'default' },
    };
  });
}

const BLOCK_TYPES = new Set(['paragraph', 'heading_1', 'heading_2', 'heading_3', 'bulleted_list_item', 'numbered_list_item', 'to_do', 'quote', 'callout', 'toggle', 'code', 'divider']);

/** Why a children array is not one Notion accepts, or undefined. */
export function childrenProblem(children: unknown): string | undefined {
  if (!Array.isArray(children)) return 'body failed validation: body.children should be defined, instead was `undefined`.';
  if (children.length === 0 || children.length > 100) return `body failed validation: body.children.length should be ≤ \`100\` and ≥ \`1\`, instead was \`${children.length}\`.`;
  for (const [i, block] of children.entries()) {
    if (!isRecord(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type) || !isRecord(block[block.type])) return `body failed validation: body.children[${i}] should be a block object.`;
  }
  return undefined;
}

/** Where `position` puts new blocks; a string for a validation message. */
export function insertAt(page: NotionPage, position: unknown, after: unknown, version: string): number | string {
  if (after !== undefined) return version >= '2026-03-11' ? 'body failed validation: body.after is not supported from Notion-Version 2026-03-11; use body.position.' : indexAfter(page, after);
  if (position === undefined) return page.children.length;
  if (!isRecord(position)) return 'body failed validation: body.position should be an object.';
  if (position.type === 'start') return 0;
  if (position.type === 'end') return page.children.length;
  if (position.type === 'after_block' && isRecord(position.after_block)) return indexAfter(page, position.after_block.id);
  return 'body failed validation: body.position.type should be `"after_block"`, `"start"` or `"end"`.';
}

function indexAfter(page: NotionPage, id: unknown): number | string {
  const at = page.children.findIndex((b) => isRecord(b) && typeof id === 'string' && b.id === id);
  return at < 0 ? `body failed validation: block ${String(id)} is not a child of ${page.id}.` : at + 1;
}

function valueOf(page: NotionPage, name: string): Record<string, unknown> | undefined {
  return page.properties[name] as Record<string, unknown> | undefined;
}

const textOf = (value: Record<string, unknown> | undefined) => (Array.isArray(value?.[String(value?.type)]) ? (value![String(value!.type)] as Array<{ plain_text?: string }>).map((t) => t.plain_text ?? '').join('') : '');

/** The property filters an agent uses most (text, select/status, multi_select, date, checkbox, number) and and/or groups. */
export function matchesFilter(page: NotionPage, db: NotionDatabase, filter: unknown): boolean | string {
  if (filter === undefined) return true;
  if (!isRecord(filter)) return 'body failed validation: body.filter should be an object.';
  for (const group of ['and', 'or'] as const) {
    if (Array.isArray(filter[group])) {
      const results = (filter[group] as unknown[]).map((f) => matchesFilter(page, db, f));
      const problem = results.find((r) => typeof r === 'string');
      if (problem !== undefined) return problem;
      return group === 'and' ? results.every(Boolean) : results.some(Boolean);
    }
  }
  const name = filter.property;
  const schema = db.schema.find((s) => s.name === name || s.id === name);
  if (typeof name !== 'string' || !schema) return `Could not find property with name or id: ${String(name)}`;
  const condition = filter[schema.type === 'status' ? 'status' : schema.type];
  if (!isRecord(condition)) return `body failed validation: body.filter.${schema.type} should be defined.`;
  const value = valueOf(page, schema.name);
  const inner = value?.[schema.type];
  const [op, operand] = Object.entries(condition)[0] ?? [];
  switch (schema.type) {
    case 'title':
    case 'rich_text': {
      const text = textOf(value).toLowerCase();
      if (op === 'contains') return text.includes(String(operand).toLowerCase());
      if (op === 'equals') return text === String(operand).toLowerCase();
      if (op === 'is_empty') return text === '';
      if (op === 'is_not_empty') return text !== '';
      break;
    }
    case 'select':
    case 'status': {
      const chosen = isRecord(inner) ? inner.name : undefined;
      if (op === 'equals') return chosen === operand;
      if (op === 'does_not_equal') return chosen !== operand;
      if (op === 'is_empty') return chosen === undefined;
      if (op === 'is_not_empty') return chosen !== undefined;
      break;
    }
    case 'multi_select': {
      const names = Array.isArray(inner) ? inner.map((o) => (isRecord(o) ? o.name : undefined)) : [];
      if (op === 'contains') return names.includes(operand);
      if (op === 'does_not_contain') return !names.includes(operand);
      break;
    }
    case 'date': {
      const start = isRecord(inner) && typeof inner.start === 'string' ? inner.start : undefined;
      if (op === 'is_empty') return start === undefined;
      if (op === 'is_not_empty') return start !== undefined;
      if (start === undefined) return false;
      const other = String(operand);
      if (op === 'equals') return start.slice(0, 10) === other.slice(0, 10);
      if (op === 'before') return start < other;
      if (op === 'after') return start > other;
      if (op === 'on_or_before') return start <= other;
      if (op === 'on_or_after') return start >= other;
      break;
    }
    default:
      if (op === 'equals') return inner === operand;
  }
  return `body failed validation: body.filter.${schema.type}.${String(op)} is not supported.`;
}

/** Sorts rows by property values or timestamps, as Notion's `sorts` does (first sort wins). */
export function sortRows(rows: NotionPage[], sorts: unknown): NotionPage[] | string {
  if (sorts === undefined) return [...rows].sort((a, b) => b.created_time.localeCompare(a.created_time));
  if (!Array.isArray(sorts)) return 'body failed validation: body.sorts should be an array.';
  const keys = sorts.map((s) => (isRecord(s) ? s : {}));
  const key = (page: NotionPage, sort: Record<string, unknown>): string => {
    if (sort.timestamp === 'created_time' || sort.timestamp === 'last_edited_time') return page[sort.timestamp];
    const value = valueOf(page, String(sort.property));
    const inner = value?.[String(value?.type)];
    if (isRecord(inner)) return String(inner.start ?? inner.name ?? '');
    return Array.isArray(inner) ? textOf(value) : String(inner ?? '');
  };
  return [...rows].sort((a, b) => {
    for (const sort of keys) {
      const order = key(a, sort).localeCompare(key(b, sort)) * (sort.direction === 'descending' ? -1 : 1);
      if (order !== 0) return order;
    }
    return 0;
  });
}

export function commentResource(comment: NotionComment): Record<string, unknown> {
  return {
    object: 'comment', id: comment.id, parent: { type: 'page_id', page_id: comment.pageId }, discussion_id: comment.discussionId,
    created_time: comment.createdTime, last_edited_time: comment.createdTime, created_by: { object: 'user', id: comment.createdBy },
    rich_text: [richText(comment.text)], display_name: { type: 'integration', resolved_name: 'onbehalf sandbox' },
  };
}

export type { NotionWorkspace };
