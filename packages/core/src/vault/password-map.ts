import { createHash } from 'node:crypto';

/** iron-session's password map: password id (an integer, as text) to password. */
export type PasswordMap = Record<string, string>;

/**
 * The password id of a key: iron-session writes it into every seal and looks it up when
 * unsealing, so it must be the same on every instance that holds the key, whatever that
 * instance's current key is. An integer derived from the key id (iron-session insists on integers).
 */
export function passwordIdOf(keyId: string): string {
  return String(createHash('sha256').update(`onbehalf:password-id:${keyId}`).digest().readUIntBE(0, 6));
}

/**
 * The map to seal with: the current key's password alone. iron-session seals with the highest id
 * of the map it is given, which in a ring by stable ids need not be the current key's.
 */
export function sealingPasswords(passwords: PasswordMap, currentKeyId: string): PasswordMap {
  const id = passwordIdOf(currentKeyId);
  return { [id]: passwords[id]! };
}
