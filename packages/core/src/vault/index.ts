export { createKeyring, keyFingerprint } from './keyring.ts';
export type { Keyring, KeyringOptions } from './keyring.ts';
export { createVault } from './envelope.ts';
export type { EnvelopeContext, Vault } from './envelope.ts';
export { passwordIdOf, sealingPasswords } from './password-map.ts';
export type { PasswordMap } from './password-map.ts';
