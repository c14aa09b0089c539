import type { createRouter, MockRequest } from '../../mock-api/index.ts';
import { DOCS, findRepo, githubError, paginate, validationFailed, type Call } from './github-http.ts';
import { blobSha, directoryEntryResource, fileContentResource, repoResource } from './github-resources.ts';
import type { GithubRepo, GithubWorld } from './github-seed.ts';

const DOC = {
  contents: `${DOCS}/repos/contents#get-repository-content`,
  searchCode: `${DOCS}/search/search#search-code`,
};

type Router = ReturnType<typeof createRouter<Call>>;

/** Paths up to this many segments deep are routed (the router captures one segment per name). */
const MAX_DEPTH = 8;

/** `GET /repos/{o}/{r}/contents/{path}`: a file (base64) or a directory listing of the default branch. */
function contents(request: MockRequest, repo: GithubRepo, path: string) {
  const ref = request.query.get('ref');
  if (ref !== null && ref !== repo.default_branch) return githubError(404, `No commit found for the ref ${ref}`, DOC.contents);
  const text = repo.files[path];
  if (text !== undefined) return { status: 200, body: fileContentResource(repo, path, text) };
  const prefix = path === '' ? '' : `${path}/`;
  const below = Object.keys(repo.files).filter((p) => p.startsWith(prefix));
  if (below.length === 0) return githubError(404, 'Not Found', DOC.contents);
  const entries = new Map<string, 'file' | 'dir'>();
  for (const p of below) {
    const [name, ...rest] = p.slice(prefix.length).split('/');
    entries.set(`${prefix}${name}`, rest.length > 0 ? 'dir' : 'file');
  }
  return { status: 200, body: [...entries].sort(([a], [b]) => a.localeCompare(b)).map(([p, type]) => directoryEntryResource(repo, p, type, repo.files[p])) };
}

/** `q` is terms (all must be in the file) and qualifiers: repo:, org:, user:, path:, filename:, extension:, language:. */
function searchCode(request: MockRequest, w: GithubWorld) {
  const q = request.query.get('q');
  if (!q) return validationFailed(DOC.searchCode, [{ resource: 'Search', field: 'q', code: 'missing' }]);
  const terms: string[] = [];
  const filters: Array<(repo: GithubRepo, path: string) => boolean> = [];
  for (const token of q.split(/\s+/).filter(Boolean)) {
    const m = /^(\w+):(.+)$/.exec(token);
    if (!m) {
      terms.push(token.toLowerCase());
      continue;
    }
    const [, name, raw] = m as unknown as [string, string, string];
    const value = raw.toLowerCase();
    if (name === 'repo') filters.push((r) => `${r.owner.login}/${r.name}`.toLowerCase() === value);
    else if (name === 'org' || name === 'user') filters.push((r) => r.owner.login.toLowerCase() === value);
    else if (name === 'path') filters.push((_r, p) => p.toLowerCase().startsWith(value.replace(/^\//, '')));
    else if (name === 'filename') filters.push((_r, p) => (p.split('/').at(-1) ?? '').toLowerCase() === value);
    else if (name === 'extension') filters.push((_r, p) => p.toLowerCase().endsWith(`.${value}`));
    else if (name === 'language') filters.push((r) => (r.language ?? '').toLowerCase() === value);
    else return validationFailed(DOC.searchCode, [{ message: `The qualifier ${name}: is not supported.`, resource: 'Search', field: 'q', code: 'invalid' }]);
  }
  // GitHub: "You must always include at least one search term when searching source code".
  if (terms.length === 0) return validationFailed(DOC.searchCode, [{ message: 'Must include at least one search term.', resource: 'Search', field: 'q', code: 'invalid' }]);
  const textMatch = String(request.headers.accept ?? '').includes('text-match');
  const hits = w.repos.flatMap((repo) => Object.entries(repo.files)
    .filter(([path, text]) => filters.every((f) => f(repo, path)) && terms.every((t) => text.toLowerCase().includes(t)))
    .map(([path, text]) => {
      const fullName = `${repo.owner.login}/${repo.name}`;
      const sha = blobSha(text);
      const url = `https://api.github.com/repositories/${repo.id}/contents/${path}?ref=${sha.slice(0, 7)}`;
      const line = text.split('\n').find((l) => l.toLowerCase().includes(terms[0]!)) ?? '';
      return {
        name: path.split('/').at(-1)!, path, sha, url,
        git_url: `https://api.github.com/repositories/${repo.id}/git/blobs/${sha}`,
        html_url: `https://github.com/${fullName}/blob/${sha.slice(0, 7)}/${path}`,
        repository: repoResource(repo, w.viewer.login),
        score: 1,
        ...(textMatch ? { text_matches: [{ object_url: url, object_type: 'FileContent', property: 'content', fragment: line, matches: [{ text: terms[0], indices: [line.toLowerCase().indexOf(terms[0]!), line.toLowerCase().indexOf(terms[0]!) + terms[0]!.length] }] }] } : {}),
      };
    }));
  const page = paginate(request, hits);
  return { ...page, body: { total_count: hits.length, incomplete_results: false, items: page.body } };
}

/** File contents and code search over each repository's seeded files. */
export function addGithubCodeRoutes(router: Router): void {
  for (let depth = 0; depth <= MAX_DEPTH; depth += 1) {
    const names = Array.from({ length: depth }, (_, i) => `p${i}`);
    router.add('GET', ['/repos/:owner/:repo/contents', ...names.map((n) => `:${n}`)].join('/'), (request, params, { world: w }) => {
      const repo = findRepo(w, params);
      if (!repo) return githubError(404, 'Not Found', DOC.contents);
      return contents(request, repo, names.map((n) => params[n]).join('/'));
    });
  }
  router.add('GET', '/search/code', (request, _params, { world: w }) => searchCode(request, w));
}
