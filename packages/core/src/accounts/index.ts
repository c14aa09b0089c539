export { checkAlias, createAccountService, unusableAccountError } from './account-service.ts';
export type { AccountInternals, AccountService, GetOrCreateOptions, ListAccountsOptions } from './account-service.ts';
export { ACCOUNT_STATUSES, IDENTIFIER_TYPES, canTransition, isAccountStatus } from '../account-status.ts';
export type { AccountStatus, IdentifierType } from '../account-status.ts';
export type { AccountIdentity, AccountList, AccountRef, ConnectedAccount, Credentials, ExtraToken, StoredCredentials } from './account-types.ts';
export { credentialFields, isPlaceholderValue, toCredentials, validateCredentialValues } from './credential-fields.ts';
export { accountValues } from './account-values.ts';
