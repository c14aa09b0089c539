export { createAccountsApi } from './accounts-api.ts';
export type { AccountsApi } from './accounts-api.ts';
export { rotateKeys } from './rotate-keys.ts';
export type { RotateKeysOptions, RotateKeysResult } from './rotate-keys.ts';
