export { createCredentialForm } from './credential-form.ts';
export { createHandler } from './handler.ts';
export type { CredentialFormHandler, FormTarget, HandlerContext } from './handler.ts';
export { toWebRequest, writeWebResponse } from './node-bridge.ts';
export type { NodeRequestOptions, ResponseHeadTarget } from './node-bridge.ts';
