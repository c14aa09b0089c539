// The store first: it checks the Node.js version before any other module of the library runs.
import './store/index.ts';
export { createOnBehalf } from './create-on-behalf.ts';
export type { OnBehalf, OnBehalfOptions } from './create-on-behalf.ts';
export { AuthorizationRequiredError, ERROR_STATUS, InsufficientScopesError, OnBehalfError, isOnBehalfError } from './errors.ts';
export type { ErrorCode, OnBehalfErrorOptions } from './errors.ts';
export type { EventName, Listener, OnBehalfEvents } from './events.ts';
export type { Logger } from './logger.ts';
export { builtInProviders, builtInToolkits, builtInTools } from './catalog/index.ts';
export { defineProvider } from './providers/index.ts';
export type {
  ApiKeyAuth,
  AuthMethodBase,
  AuthType,
  BasicAuth,
  BearerAuth,
  CredentialField,
  NormalizedTokenResponse,
  OAuth2Auth,
  Provider,
  ProviderApi,
  ProviderAuth,
  ProviderDefinition,
  ProviderErrorInfo,
  ProviderIdentity,
  ProviderRegistry,
  ProviderToolSource,
  RevokeContext,
  SourcedTool,
  SourcedToolContext,
  ToolSourceContext,
} from './providers/index.ts';
export type { Connection, ConnectionEndpoints, ConnectionInput, ConnectionsApi } from './connections/index.ts';
export { ACCOUNT_STATUSES, IDENTIFIER_TYPES } from './accounts/index.ts';
export type {
  AccountHealth,
  AccountIdentity,
  AccountList,
  AccountRef,
  AccountSettings,
  AccountSettingsInput,
  AccountUsageSummary,
  AccountStatus,
  ConnectedAccount,
  Credentials,
  GetOrCreateOptions,
  IdentifierType,
  ListAccountsOptions,
} from './accounts/index.ts';
export type { AccountsApi, BulkResult, RotateKeysOptions, RotateKeysProgress, RotateKeysResult, VerifyKeysOptions, VerifyKeysResult } from './public-api/index.ts';
export { WEBHOOK_EVENTS } from './webhooks/index.ts';
export type { WebhookDeliveryResult, WebhookEndpointOptions, WebhookEventType, WebhookPayload } from './webhooks/index.ts';
export { bindTool, defineTool, defineToolkit, selectToolSpecs } from './tools/index.ts';
export { ApprovalRequiredError, DEFAULT_MAX_OUTPUT_CHARS, needsApproval } from './tools/index.ts';
export type { AfterExecuteEvent, AfterExecuteResult, ApprovalSubject, BeforeExecuteEvent, BeforeExecuteResult, HookedTool, OnBehalfHooks, RequireApproval, ToolApproval, ToolHooks } from './tools/index.ts';
export { CALL_TOOL, SEARCH_TOOLS, boundTools, createToolIndex, searchModeTools } from './tools/index.ts';
export type { BoundToolEntry, FoundTool, RankedTool, ToolIndex } from './tools/index.ts';
export { SCHEMA_DIALECTS, dialectSchema, fromDialectInput, toGeminiSchema, toOpenAIStrictSchema } from './tools/index.ts';
export type { GeminiSchema, GeminiType, SchemaDialect } from './tools/index.ts';
export * as toolKit from './tools/kit/index.ts';
export type { BoundCall, BoundTool, GetToolsOptions, ToolError, ToolOutcome, ToolsHost } from './tools/index.ts';
export type { ExecuteToolOptions, ListToolsOptions, ToolContext, ToolDefinition, ToolExecutionResult, Toolkit, ToolkitDefinition, ToolRequestOptions, ToolSpec } from './tools/index.ts';
export type { AuthorizationLink, AuthorizationLinkOptions } from './links/index.ts';
export type { AccessToken, RefreshSettings, TokenCacheOptions } from './refresh/index.ts';
export type { Refresher, RefresherOptions, SweepResult } from './refresh/index.ts';
export type { HandlerContext, NodeHandlerOptions, NodeRequestOptions, ResponseHeadTarget } from './http/index.ts';
export { connectionProblems, handleNodeRequest, toWebRequest, writeWebResponse } from './http/index.ts';
export type { AccountUsage, AuditEvent } from './http/index.ts';
