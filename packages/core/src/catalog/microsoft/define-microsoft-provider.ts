import { defineProvider, type Provider } from '../../providers/index.ts';
import { microsoftOAuth } from './microsoft-oauth.ts';
import { tenantSetting } from './microsoft-tenant.ts';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

/** A Microsoft Graph provider: the identity platform's OAuth with the `tenant` setting, Graph v1.0 as API. */
export function defineMicrosoftProvider(options: { id: string; name: string; description: string; scopes: string[]; workOrSchoolOnly?: boolean; verifyPath?: string }): Provider {
  return defineProvider({
    id: options.id,
    name: options.name,
    description: options.description,
    docsUrl: 'https://learn.microsoft.com/entra/identity-platform/quickstart-register-app',
    auth: microsoftOAuth({ scopes: options.scopes, ...(options.workOrSchoolOnly ? { workOrSchoolOnly: true } : {}) }),
    settings: [tenantSetting(options.workOrSchoolOnly ? { workOrSchoolOnly: true } : {})],
    api: { baseUrl: GRAPH_BASE_URL, verify: { path: options.verifyPath ?? '/me' } },
  });
}
