import { defineToolkit } from '../../tools/index.ts';
import { vercel } from './provider.ts';
import { vercelGetDeployment } from './tools/vercel-get-deployment.ts';
import { vercelListDeployments } from './tools/vercel-list-deployments.ts';
import { vercelListEnvNames } from './tools/vercel-list-env-names.ts';
import { vercelListProjects } from './tools/vercel-list-projects.ts';
import { vercelRedeploy } from './tools/vercel-redeploy.ts';
import { vercelApiErrorInfo } from './vercel-api-error.ts';

export const vercelToolkit = defineToolkit({
  provider: vercel,
  tools: [vercelListProjects, vercelListDeployments, vercelGetDeployment, vercelListEnvNames, vercelRedeploy],
  parseError: vercelApiErrorInfo,
});
