import { z } from 'zod';
import { defineTool, path, truncate } from '../../../tools/index.ts';
import { providerApiError } from '../../../api-client/index.ts';
import { repoSlug, workspace, workspaceOf } from '../bitbucket-fields.ts';

const MAX_TEXT = 20_000;

export const bitbucketGetFile = defineTool({
  name: 'bitbucket_get_file',
  provider: 'bitbucket',
  description: "Read a file from a Bitbucket repository at a branch, tag or commit. Returns its text, cut at 20 000 characters.",
  scopes: ['repository'],
  input: z.object({
    workspace,
    repo: repoSlug,
    filePath: z.string().trim().max(1000)
      .refine((p) => p.replace(/^\/+/, '') !== '' && !p.replace(/^\/+/, '').split('/').some((s) => s === '' || s === '..' || s === '.'), 'a file path like src/app.py (no empty, . or .. segments)')
      .describe('Path of the file, e.g. "src/app.py".'),
    ref: z.string().trim().min(1).max(255).describe('Branch, tag or commit hash, e.g. "main".'),
  }),
  async execute({ workspace: given, repo, filePath, ref }, ctx) {
    // Each path segment encoded on its own: Bitbucket takes the file path with its slashes.
    const segments = filePath.replace(/^\/+/, '').split('/').map((s) => encodeURIComponent(s)).join('/');
    const url = `${path`/repositories/${workspaceOf(given, ctx)}/${repo}/src/${ref}`}/${segments}`;
    const response = await ctx.fetch(url, { headers: { accept: 'text/plain, application/json' } });
    if (!response.ok) throw await providerApiError({ provider: ctx.provider, response, method: 'GET', url: new URL(response.url || url, 'http://unknown.invalid'), redact: ctx.redact });
    if ((response.headers.get('content-type') ?? '').includes('application/json')) {
      await response.body?.cancel();
      return { path: filePath, ref, directory: true, message: 'This path is a directory; give the path of a file in it.' };
    }
    const text = await response.text();
    return { path: filePath, ref, text: truncate(text, MAX_TEXT), ...(text.length > MAX_TEXT ? { truncated: true } : {}) };
  },
});
