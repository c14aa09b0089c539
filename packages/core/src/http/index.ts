export { createCredentialForm } from './credential-form.ts';
export { createHandler } from './handler.ts';
export type { CredentialFormHandler, FormTarget, HandlerContext } from './handler.ts';
export { handleNodeRequest, toWebRequest, writeWebResponse } from './node-bridge.ts';
export type { NodeHandlerOptions, NodeRequestOptions, ResponseHeadTarget } from './node-bridge.ts';
