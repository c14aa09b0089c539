/**
 * Jira Cloud's v3 API writes rich text (descriptions, comments) as Atlassian Document Format:
 * a tree of nodes. A model reads and writes plain text, so tools turn one into the other.
 */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}

/** Nodes whose children are blocks: one line (or more) each. The rest hold inline content. */
const CONTAINERS = new Set(['doc', 'blockquote', 'panel', 'expand', 'nestedExpand', 'table', 'tableCell', 'tableHeader', 'layoutSection', 'layoutColumn', 'listItem']);

function walk(node: AdfNode, listPrefix = ''): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return String(node.attrs?.text ?? '@someone');
    case 'emoji':
      return String(node.attrs?.text ?? node.attrs?.shortName ?? '');
    case 'inlineCard':
    case 'blockCard':
      return String(node.attrs?.url ?? '');
    case 'rule':
      return '---';
    case 'bulletList':
    case 'orderedList':
      return (node.content ?? []).map((item, index) => walk(item, node.type === 'orderedList' ? `${index + 1}. ` : '- ')).join('\n');
    case 'tableRow':
      return (node.content ?? []).map((cell) => walk(cell)).join(' | ');
    default: {
      const text = (node.content ?? []).map((child) => walk(child)).filter((part) => part !== '').join(CONTAINERS.has(node.type) ? '\n' : '');
      return `${listPrefix}${text}`;
    }
  }
}

/** Plain text of an ADF document: blocks on their own lines, list items with a dash or number, mentions by name. */
export function adfToText(node: AdfNode | null | undefined): string {
  if (!node || typeof node !== 'object') return '';
  return walk(node).trim();
}

/** An ADF document for plain text: paragraphs at blank lines, line breaks inside them kept. */
export function textToAdf(text: string): AdfNode {
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: paragraph.split('\n').flatMap((line, index) => [...(index > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  } as AdfNode;
}
