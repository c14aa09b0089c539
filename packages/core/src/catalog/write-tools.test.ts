import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtInToolkits } from './index.ts';

/**
 * Every built-in tool's `writes` flag agrees with what its recorded exchanges send
 * (`fixtures/<tool>.json`, checked against the providers' descriptions by the replay suite): a tool
 * that sends PUT, PATCH, DELETE, a GraphQL mutation, or a POST that is not one of the documented
 * read-only POST operations below writes; a tool that only reads must not say it writes (an
 * approval policy of 'writes' would then hold harmless calls).
 */

/**
 * POST operations that only read: the providers document them as queries that take their filter
 * in the body. Matched on the path's end, after the provider's base path.
 */
const READ_ONLY_POSTS: { provider: string; path: RegExp; operation: string }[] = [
  { provider: 'google_calendar', path: /\/freeBusy$/, operation: 'calendar.freebusy.query' },
  { provider: 'hubspot', path: /\/objects\/[a-z]+\/search$/, operation: 'POST /crm/v3/objects/{objectType}/search' },
  { provider: 'jira', path: /\/search\/jql$/, operation: 'POST /rest/api/3/search/jql (searchAndReconsileIssuesUsingJqlPost)' },
  { provider: 'microsoft_calendar', path: /\/calendar\/getSchedule$/, operation: 'calendar: getSchedule' },
  { provider: 'notion', path: /^\/v1\/data_sources\/[^/]+\/query$/, operation: 'Query a data source' },
  { provider: 'notion', path: /^\/v1\/search$/, operation: 'Search by title' },
];

interface Exchange { request: { method?: string; path: string; body?: unknown } }
interface Fixture { cases: { exchanges?: Exchange[] }[] }

const catalogDir = fileURLToPath(new URL('.', import.meta.url));
const tools = builtInToolkits.flatMap(({ provider, tools: list }) => list.map((tool) => ({ provider: provider.id, tool })));

/** Why one recorded request writes, or undefined when it only reads. */
function writeOf(provider: string, { method = 'GET', path, body }: Exchange['request']): string | undefined {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') return undefined;
  if (verb !== 'POST') return `${verb} ${path}`;
  const query = body !== null && typeof body === 'object' && typeof (body as { query?: unknown }).query === 'string' ? (body as { query: string }).query : undefined;
  if (query !== undefined) return /^\s*mutation\b/.test(query) ? `GraphQL ${query.trim().slice(0, 40)}…` : undefined;
  const bare = path.replace(/\?.*$/, '');
  return READ_ONLY_POSTS.some((r) => r.provider === provider && r.path.test(bare)) ? undefined : `POST ${bare}`;
}

describe('write tools are flagged', () => {
  it('sees the whole catalog, reads and writes', () => {
    const flagged = tools.filter(({ tool }) => tool.writes === true).length;
    expect(flagged).toBeGreaterThan(30);
    expect(tools.length - flagged).toBeGreaterThan(30);
  });

  it.each(tools.map((t) => [`${t.provider}/${t.tool.name}`, t] as const))('%s', (_label, { provider, tool }) => {
    const fixture = JSON.parse(readFileSync(`${catalogDir}${provider}/fixtures/${tool.name}.json`, 'utf8')) as Fixture;
    const requests = fixture.cases.flatMap((c) => c.exchanges ?? []).map((e) => e.request);
    expect(requests.length, 'the fixture records no request to judge by').toBeGreaterThan(0);
    const writes = requests.map((r) => writeOf(provider, r)).filter((w): w is string => w !== undefined);
    if (writes.length > 0) expect(tool.writes, `${tool.name} sends ${writes[0]} but does not say writes: true`).toBe(true);
    else expect(tool.writes ?? false, `${tool.name} only reads but says writes: true`).toBe(false);
  });

  it('tells a write from a read', () => {
    expect(writeOf('notion', { method: 'POST', path: '/v1/search' })).toBeUndefined();
    expect(writeOf('notion', { method: 'POST', path: '/v1/pages' })).toBe('POST /v1/pages');
    expect(writeOf('slack', { method: 'POST', path: '/v1/search' })).toBe('POST /v1/search');
    expect(writeOf('linear', { method: 'POST', path: '/graphql', body: { query: 'query { viewer { id } }' } })).toBeUndefined();
    expect(writeOf('linear', { method: 'POST', path: '/graphql', body: { query: ' mutation M { issueCreate { success } }' } })).toMatch(/^GraphQL mutation/);
    expect(writeOf('asana', { method: 'DELETE', path: '/tasks/1' })).toBe('DELETE /tasks/1');
    expect(writeOf('asana', { path: '/tasks' })).toBeUndefined();
  });
});
