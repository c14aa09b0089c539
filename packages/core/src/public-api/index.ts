export { createAccountsApi } from './accounts-api.ts';
export type { AccountsApi } from './accounts-api.ts';
export type { BulkResult } from './bulk-operations.ts';
export { rotateKeys } from './rotate-keys.ts';
export type { RotateKeysOptions, RotateKeysProgress, RotateKeysResult } from './rotate-keys.ts';
export { verifyKeys } from './verify-keys.ts';
export type { VerifyKeysOptions, VerifyKeysResult } from './verify-keys.ts';
