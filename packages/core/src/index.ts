export { createOnBehalf } from './create-on-behalf.ts';
export type { OnBehalf, OnBehalfOptions } from './create-on-behalf.ts';
export { AuthorizationRequiredError, ERROR_STATUS, OnBehalfError, isOnBehalfError } from './errors.ts';
export type { ErrorCode, OnBehalfErrorOptions } from './errors.ts';
export type { EventName, Listener, OnBehalfEvents } from './events.ts';
export type { Logger } from './logger.ts';
export { builtInProviders, defineProvider } from './providers/index.ts';
export type * from './providers/provider-types.ts';
export type { Connection, ConnectionEndpoints, ConnectionInput } from './connections/index.ts';
export { ACCOUNT_STATUSES, IDENTIFIER_TYPES } from './accounts/index.ts';
export type {
  AccountList,
  AccountRef,
  AccountStatus,
  ConnectedAccount,
  Credentials,
  GetOrCreateOptions,
  IdentifierType,
  ListAccountsOptions,
} from './accounts/index.ts';
export type { RotateKeysOptions, RotateKeysResult } from './vault/index.ts';
export { bindTool, defineTool, selectToolSpecs } from './tools/index.ts';
export type { BoundTool, GetToolsOptions, ToolError, ToolOutcome, ToolsHost } from './tools/index.ts';
export type { ExecuteToolOptions, ListToolsOptions, ToolContext, ToolDefinition, ToolExecutionResult, ToolRequestOptions, ToolSpec } from './tools/index.ts';
export type { AuthorizationLink, AuthorizationLinkOptions } from './accounts/authorization-links.ts';
export type { AccessToken, RefreshSettings } from './accounts/refresh-coordinator.ts';
export type { Refresher, RefresherOptions, SweepResult } from './accounts/proactive-refresher.ts';
export type { HandlerContext } from './http/handler.ts';
