import { createHash, randomBytes } from 'node:crypto';

/** Time-ordered ids (`acc_01J…`): sortable by creation, so they double as pagination cursors. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(10).toString('hex')}`;
}

/** 256-bit random secrets for link tokens and OAuth state, url-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes of link tokens and states are stored: a database leak does not reveal live links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}
