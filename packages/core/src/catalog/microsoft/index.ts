export { microsoftTokenError } from './aadsts-errors.ts';
export { defineMicrosoftProvider, GRAPH_BASE_URL } from './define-microsoft-provider.ts';
export { graphApiErrorInfo } from './graph-api-error.ts';
export { microsoftOAuth } from './microsoft-oauth.ts';
export { PERSONAL_ACCOUNTS_TENANT_ID, tenantSetting } from './microsoft-tenant.ts';
export { formatAddress, formatDateTime, graphId, toRecipient, toUtcDateTime, UTC_TIMES } from './graph-values.ts';
export type { GraphEmailAddress, GraphPage, GraphRecipient } from './graph-values.ts';
