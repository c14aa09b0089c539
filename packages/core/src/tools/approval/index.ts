export { needsApproval } from './approval-policy.ts';
export type { ApprovalSubject, RequireApproval } from './approval-policy.ts';
export { ApprovalRequiredError } from './approval-required-error.ts';
export { canonicalCallHash } from './canonical-call-hash.ts';
export { createApprovalStore } from './create-approval-store.ts';
export type { ApprovalCheck, ApprovalStore, ApprovalStoreOptions, ToolApproval } from './create-approval-store.ts';
