import { z } from 'zod';
import { defineTool, path } from '../../../tools/index.ts';
import { figmaId } from '../figma-types.ts';

export const figmaListProjectFiles = defineTool({
  name: 'figma_list_project_files',
  provider: 'figma',
  description: 'List the files of a Figma project (keys, names, last change), e.g. from figma_list_team_projects. Use a file key with figma_get_file or figma_list_comments. Needs projects:read (personal access tokens and private OAuth apps only).',
  scopes: ['projects:read'],
  input: z.object({
    project_id: figmaId('Project'),
    limit: z.number().int().min(1).max(500).default(100).describe('Most files returned.'),
  }),
  async execute({ project_id, limit }, ctx) {
    const project = await ctx.request<{ name: string; files: Array<{ key: string; name: string; last_modified: string }> }>(path`/v1/projects/${project_id}/files`);
    const files = project.files ?? [];
    return {
      project: project.name,
      files: files.slice(0, limit).map((f) => ({ key: f.key, name: f.name, lastModified: f.last_modified })),
      ...(files.length > limit ? { truncated: true } : {}),
    };
  },
});
