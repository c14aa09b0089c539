import { compact } from '../../tools/index.ts';
import { NOTION_API_VERSION } from './notion-api-version.ts';

/** Sent by the tools too, so a connection's own default headers cannot change the dialect of their bodies. */
export const notionHeaders = { 'notion-version': NOTION_API_VERSION };

export interface RichText {
  plain_text?: string;
}

export interface NotionObject {
  object: string;
  id: string;
  url?: string;
  last_edited_time?: string;
  title?: RichText[];
  properties?: Record<string, { type?: string; title?: RichText[] }>;
  parent?: { type?: string; database_id?: string; page_id?: string; data_source_id?: string };
}

export const plain = (texts: RichText[] | undefined) => (texts ?? []).map((t) => t.plain_text ?? '').join('');

/** A search hit as a model needs it; a data source is reported as the database it belongs to. */
export function compactResult(result: NotionObject) {
  if (result.object === 'page') {
    const title = Object.values(result.properties ?? {}).find((p) => p.type === 'title' || Array.isArray(p.title));
    return compact({ object: 'page', id: result.id, title: plain(title?.title), url: result.url, lastEditedTime: result.last_edited_time });
  }
  const databaseId = result.object === 'data_source' ? result.parent?.database_id : undefined;
  return compact({
    object: 'database',
    id: databaseId ?? result.id,
    dataSourceId: result.object === 'data_source' ? result.id : undefined,
    title: plain(result.title),
    url: result.url,
    lastEditedTime: result.last_edited_time,
  });
}
