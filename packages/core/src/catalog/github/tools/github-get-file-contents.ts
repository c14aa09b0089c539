import { z } from 'zod';
import { compact, defineTool, path } from '../../../tools/index.ts';
import { encodeRepoPath, owner, repo, repoPath } from '../github-types.ts';

interface GithubContent {
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  name: string;
  path: string;
  size: number;
  sha: string;
  html_url?: string | null;
  encoding?: string;
  content?: string;
  target?: string;
}

/** Directory listings are cut here; a model that needs more can read a subdirectory. */
const MAX_ENTRIES = 200;

export const githubGetFileContents = defineTool({
  name: 'github_get_file_contents',
  provider: 'github',
  description: 'Read a file from a GitHub repository as text (decoded, cut to maxChars), or list a directory\'s entries. Use ref for a branch, tag or commit other than the default branch.',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    path: repoPath,
    ref: z.string().trim().min(1).max(255).optional().describe('Branch, tag or commit SHA (default: the repository\'s default branch).'),
    maxChars: z.number().int().min(100).max(100_000).default(20_000).describe('Longest text returned; longer files are cut and marked truncated.'),
  }),
  async execute({ owner: o, repo: r, path: p, ref, maxChars }, ctx) {
    const found = await ctx.request<GithubContent | GithubContent[]>(`${path`/repos/${o}/${r}/contents`}/${encodeRepoPath(p)}`, { query: { ref } });
    if (Array.isArray(found)) {
      return {
        type: 'dir',
        path: p,
        entries: found.slice(0, MAX_ENTRIES).map((e) => compact({ name: e.name, path: e.path, type: e.type, size: e.type === 'file' ? e.size : undefined })),
        truncated: found.length > MAX_ENTRIES || undefined,
      };
    }
    const base = { type: found.type, path: found.path, size: found.size, sha: found.sha, url: found.html_url ?? undefined };
    if (found.type === 'symlink') return compact({ ...base, target: found.target });
    if (found.type !== 'file') return compact(base);
    // Files over 1 MB come without content (encoding "none"): say so instead of returning nothing.
    if (found.encoding !== 'base64' || typeof found.content !== 'string') return compact({ ...base, tooLarge: true });
    const bytes = Buffer.from(found.content, 'base64');
    if (bytes.includes(0)) return compact({ ...base, binary: true });
    const text = bytes.toString('utf8');
    return compact({ ...base, content: text.length > maxChars ? text.slice(0, maxChars) : text, truncated: text.length > maxChars || undefined });
  },
});
