import { truncate } from '../../tools/index.ts';
import { plain, type RichText } from './notion-objects.ts';

const MAX_VALUE_CHARS = 300;
const MAX_PROPERTIES = 30;

type PropertyValue = { type?: string; [key: string]: unknown };
const name = (value: unknown) => (value && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : undefined);

/** One property value as short text or a scalar: what a model reads in a table row. */
function propertyText(value: PropertyValue): string | number | boolean | null {
  const inner = value.type ? value[value.type] : undefined;
  switch (value.type) {
    case 'title':
    case 'rich_text':
      return plain(inner as RichText[] | undefined);
    case 'select':
    case 'status':
      return name(inner) ?? null;
    case 'multi_select':
      return Array.isArray(inner) ? inner.map(name).filter(Boolean).join(', ') : null;
    case 'people':
      return Array.isArray(inner) ? inner.map((p) => name(p) ?? (p as { id?: string }).id).filter(Boolean).join(', ') : null;
    case 'date': {
      const date = inner as { start?: string; end?: string | null } | null;
      return date?.start ? (date.end ? `${date.start} → ${date.end}` : date.start) : null;
    }
    case 'number':
    case 'checkbox':
    case 'url':
    case 'email':
    case 'phone_number':
    case 'created_time':
    case 'last_edited_time':
      return (inner as string | number | boolean | null | undefined) ?? null;
    case 'relation':
      return Array.isArray(inner) ? inner.map((r) => (r as { id?: string }).id).filter(Boolean).join(', ') : null;
    case 'formula': {
      const formula = inner as { type?: string; [key: string]: unknown } | undefined;
      const result = formula?.type ? formula[formula.type] : undefined;
      if (result && typeof result === 'object') return propertyText({ type: formula!.type === 'date' ? 'date' : 'unknown', date: result });
      return (result as string | number | boolean | null | undefined) ?? null;
    }
    case 'unique_id': {
      const id = inner as { prefix?: string | null; number?: number | null } | undefined;
      return id?.number == null ? null : `${id.prefix ? `${id.prefix}-` : ''}${id.number}`;
    }
    case 'created_by':
    case 'last_edited_by':
      return name(inner) ?? (inner as { id?: string } | undefined)?.id ?? null;
    default:
      return null;
  }
}

/** A page's properties as `{ name: text }`, values cut to length and at most 30 of them. */
export function flatProperties(properties: Record<string, PropertyValue> | undefined): Record<string, string | number | boolean | null> {
  const flat: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(properties ?? {}).slice(0, MAX_PROPERTIES)) {
    const text = propertyText(value);
    flat[key] = typeof text === 'string' ? truncate(text, MAX_VALUE_CHARS) : text;
  }
  return flat;
}

/** The title of a page, from whichever property is its title. */
export function pageTitle(properties: Record<string, PropertyValue> | undefined): string {
  const title = Object.values(properties ?? {}).find((p) => p.type === 'title');
  return plain(title?.title as RichText[] | undefined);
}
