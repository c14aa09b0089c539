import { defineToolkit } from '../../tools/index.ts';
import { figmaApiErrorInfo } from './figma-api-error.ts';
import { figma } from './provider.ts';
import { figmaGetFile } from './tools/figma-get-file.ts';
import { figmaListComments } from './tools/figma-list-comments.ts';
import { figmaListProjectFiles } from './tools/figma-list-project-files.ts';
import { figmaListTeamProjects } from './tools/figma-list-team-projects.ts';
import { figmaPostComment } from './tools/figma-post-comment.ts';

export const figmaToolkit = defineToolkit({
  provider: figma,
  tools: [figmaGetFile, figmaListComments, figmaPostComment, figmaListTeamProjects, figmaListProjectFiles],
  parseError: figmaApiErrorInfo,
});
