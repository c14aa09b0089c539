import { defineToolkit } from '../../tools/index.ts';
import { jira } from './provider.ts';

export const jiraToolkit = defineToolkit({ provider: jira });
