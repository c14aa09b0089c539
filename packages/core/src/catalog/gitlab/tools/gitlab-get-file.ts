import { z } from 'zod';
import { compact, defineTool, path, truncate } from '../../../tools/index.ts';
import { project } from '../gitlab-fields.ts';

const MAX_TEXT = 20_000;

interface GitlabFile {
  file_name: string;
  file_path: string;
  size: number;
  encoding: string;
  content: string;
  ref: string;
  last_commit_id?: string;
}

export const gitlabGetFile = defineTool({
  name: 'gitlab_get_file',
  provider: 'gitlab',
  description: "Read a file from a GitLab repository at a branch, tag or commit (default: the default branch). Returns its text, cut at 20 000 characters; binary files are described, not returned.",
  scopes: ['read_repository'],
  input: z.object({
    project,
    filePath: z.string().trim().min(1).max(1000).refine((p) => !p.split('/').some((s) => s === '..' || s === '.'), 'no . or .. segments').describe('Path of the file in the repository, e.g. "src/app.ts".'),
    ref: z.string().trim().min(1).max(255).default('HEAD').describe('Branch, tag or commit SHA.'),
  }),
  async execute({ project: id, filePath, ref }, ctx) {
    const file = await ctx.request<GitlabFile>(path`/projects/${id}/repository/files/${filePath.replace(/^\/+/, '')}`, { query: { ref } });
    const bytes = Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8');
    const text = bytes.toString('utf8');
    const binary = bytes.includes(0) || text.includes('\uFFFD');
    return compact({
      path: file.file_path,
      ref: file.ref,
      size: file.size,
      commit: file.last_commit_id,
      text: binary ? undefined : truncate(text, MAX_TEXT),
      truncated: !binary && text.length > MAX_TEXT ? true : undefined,
      binary: binary || undefined,
    });
  },
});
