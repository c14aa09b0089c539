import { defineToolkit } from '../../tools/index.ts';
import { asanaApiErrorInfo } from './asana-api-error.ts';
import { asana } from './provider.ts';
import { asanaCommentOnTask } from './tools/asana-comment-on-task.ts';
import { asanaCreateTask } from './tools/asana-create-task.ts';
import { asanaListMyTasks } from './tools/asana-list-my-tasks.ts';
import { asanaListProjects } from './tools/asana-list-projects.ts';
import { asanaListWorkspaces } from './tools/asana-list-workspaces.ts';
import { asanaUpdateTask } from './tools/asana-update-task.ts';

export const asanaToolkit = defineToolkit({
  provider: asana,
  tools: [asanaListWorkspaces, asanaListProjects, asanaListMyTasks, asanaCreateTask, asanaUpdateTask, asanaCommentOnTask],
  parseError: asanaApiErrorInfo,
});
