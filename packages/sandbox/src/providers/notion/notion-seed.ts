import type { MockUser, SeededRandom } from '../../mock-api/index.ts';

export type NotionParent =
  | { type: 'workspace'; workspace: true }
  | { type: 'page_id'; page_id: string }
  | { type: 'database_id'; database_id: string };

export interface NotionSelectOption {
  id: string;
  name: string;
  color: string;
  description: null;
}

export interface NotionPropertySchema {
  id: string;
  name: string;
  type: string;
  options?: NotionSelectOption[];
}

/** A page as stored: property values already in response shape. */
export interface NotionPage {
  id: string;
  title: string;
  icon: string | null;
  parent: NotionParent;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  /** Property name → value object without `id` (added from the schema on output). */
  properties: Record<string, Record<string, unknown>>;
  children: unknown[];
}

export interface NotionDatabase {
  id: string;
  /** The database's single data source (API 2025-09-03 and later). */
  dataSourceId: string;
  title: string;
  icon: string | null;
  parent: NotionParent;
  created_time: string;
  last_edited_time: string;
  created_by: string;
  schema: NotionPropertySchema[];
}

export interface NotionWorkspace {
  botId: string;
  ownerUserId: string;
  pages: NotionPage[];
  databases: NotionDatabase[];
}

/** Notion rich text as the API returns it. */
export function richText(content: string, link: string | null = null) {
  return {
    type: 'text',
    text: { content, link: link ? { url: link } : null },
    annotations: { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' },
    plain_text: content,
    href: link,
  };
}

export function paragraph(id: string, content: string) {
  return { object: 'block', id, type: 'paragraph', has_children: false, paragraph: { rich_text: [richText(content)], color: 'default' } };
}

/** A wiki with two sub-pages, a roadmap, meeting notes, and a "Tasks" database with three rows. */
export function notionSeed(user: MockUser, random: SeededRandom, now: Date): NotionWorkspace {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Math.floor((now.getTime() - daysAgo * day) / 60_000) * 60_000).toISOString();
  const ownerUserId = random.uuid();
  const page = (title: string, icon: string | null, parent: NotionParent, daysAgo: number, lines: string[], properties?: NotionPage['properties']): NotionPage => ({
    id: random.uuid(), title, icon, parent,
    created_time: at(daysAgo + random.int(5, 60)), last_edited_time: at(daysAgo), created_by: ownerUserId,
    properties: properties ?? { title: { type: 'title', title: [richText(title)] } },
    children: lines.map((line) => paragraph(random.uuid(), line)),
  });
  const workspace: NotionParent = { type: 'workspace', workspace: true };
  const wiki = page('Team Wiki', '📚', workspace, 6, ['Everything the team needs to know, in one place.']);
  const option = (name: string, color: string): NotionSelectOption => ({ id: random.alnum(4).toLowerCase(), name, color, description: null });
  const status = [option('Not started', 'gray'), option('In progress', 'blue'), option('Done', 'green')];
  const tags = [option('Engineering', 'purple'), option('Marketing', 'pink'), option('Finance', 'yellow')];
  const tasks: NotionDatabase = {
    id: random.uuid(), dataSourceId: random.uuid(), title: 'Tasks', icon: '✅', parent: workspace,
    created_time: at(120), last_edited_time: at(1), created_by: ownerUserId,
    schema: [
      { id: 'title', name: 'Name', type: 'title' },
      { id: encodeURIComponent(`${random.alnum(3)}`), name: 'Status', type: 'select', options: status },
      { id: encodeURIComponent(`${random.alnum(3)}`), name: 'Due', type: 'date' },
      { id: encodeURIComponent(`${random.alnum(3)}`), name: 'Tags', type: 'multi_select', options: tags },
    ],
  };
  const date = (daysFromNow: number) => new Date(now.getTime() + daysFromNow * day).toISOString().slice(0, 10);
  const task = (name: string, state: number, due: number, tag: number, daysAgo: number) =>
    page(name, null, { type: 'database_id', database_id: tasks.id }, daysAgo, [], {
      Name: { type: 'title', title: [richText(name)] },
      Status: { type: 'select', select: status[state] },
      Due: { type: 'date', date: { start: date(due), end: null, time_zone: null } },
      Tags: { type: 'multi_select', multi_select: [tags[tag]] },
    });
  return {
    botId: random.uuid(),
    ownerUserId,
    databases: [tasks],
    pages: [
      wiki,
      page('Onboarding checklist', '✅', { type: 'page_id', page_id: wiki.id }, 20, ['Laptop setup and accounts', 'Read the engineering handbook', `Schedule a 1:1 with ${user.colleagues[0]?.firstName ?? 'your manager'}`]),
      page('Engineering handbook', '🛠️', { type: 'page_id', page_id: wiki.id }, 9, ['How we review code', 'How we deploy', 'On-call expectations']),
      page('Q3 Roadmap', '🗺️', workspace, 2, ['Platform migration to Postgres 16', 'Checkout reliability: gateway alerts', 'Notes app: export to PDF']),
      page('Meeting notes — weekly sync', '📝', workspace, 1, ['Globex incident: rolled back gateway timeout.', 'Postmortem due Friday.', 'Offsite logistics: bus leaves 9am.']),
      task('Write launch blog post', 1, 3, 1, 1),
      task('Fix login redirect bug', 0, 1, 0, 2),
      task('Prepare board deck', 2, -2, 2, 4),
    ],
  };
}
