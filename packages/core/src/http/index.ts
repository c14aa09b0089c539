export { createCredentialForm } from './credential-form.ts';
export { createHandler } from './handler.ts';
export type { CredentialFormHandler, FormTarget, HandlerContext } from './handler.ts';
