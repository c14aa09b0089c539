import { intParam, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import type { GithubRepo, GithubWorld } from './github-seed.ts';

/** What every GitHub route handler gets: the caller's world and login. */
export interface Call {
  world: GithubWorld;
  sub: string;
}

export const DOCS = 'https://docs.github.com/rest';
export const DOC_LINKS = {
  user: `${DOCS}/users/users#get-the-authenticated-user`,
  repos: `${DOCS}/repos/repos#list-repositories-for-the-authenticated-user`,
  listIssues: `${DOCS}/issues/issues#list-repository-issues`,
  createIssue: `${DOCS}/issues/issues#create-an-issue`,
};

/** GitHub's error body: `{ message, documentation_url, status }` (status as a string, as GitHub sends it). */
export function githubError(status: number, message: string, documentationUrl = DOCS, extra: Record<string, unknown> = {}): MockResponse {
  return { status, body: { message, ...extra, documentation_url: documentationUrl, status: String(status) } };
}

export function validationFailed(documentationUrl: string, errors: Array<Record<string, unknown>>): MockResponse {
  return githubError(422, 'Validation Failed', documentationUrl, { errors });
}

/** Owner and repo names are case-insensitive on GitHub; a repo the viewer cannot see is a 404. */
export function findRepo(world: GithubWorld, params: Record<string, string>): GithubRepo | undefined {
  const owner = (params.owner ?? '').toLowerCase();
  const name = (params.repo ?? '').toLowerCase();
  return world.repos.find((r) => r.owner.login.toLowerCase() === owner && r.name.toLowerCase() === name);
}

export function invalidEnum(query: URLSearchParams, allowed: Record<string, string[]>): { field: string; value: string } | undefined {
  for (const [field, values] of Object.entries(allowed)) {
    const value = query.get(field);
    if (value !== null && !values.includes(value)) return { field, value };
  }
  return undefined;
}

/** `per_page` (max 100, default 30) and `page`, with a `Link` header pointing back at this server. */
export function paginate(request: MockRequest, items: unknown[]): MockResponse {
  const perPage = intParam(request.query.get('per_page'), 30, 1, 100);
  const page = intParam(request.query.get('page'), 1, 1, Number.MAX_SAFE_INTEGER);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(perPage));
    query.set('page', String(n));
    return `<${request.origin}${request.prefix}${request.path}?${query}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  return { status: 200, headers: rels.length > 0 ? { link: rels.join(', ') } : {}, body: slice };
}
