export const ACCOUNT_STATUSES = ['PENDING', 'ACTIVE', 'EXPIRED', 'REVOKED', 'ERROR', 'SUSPENDED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const IDENTIFIER_TYPES = ['user_id', 'org_id', 'custom'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/**
 * The lifecycle from DESIGN.md. Authorization (or storing credentials) can (re)activate any
 * account that is not suspended; suspension is left only by resume().
 */
const TRANSITIONS: Record<AccountStatus, readonly AccountStatus[]> = {
  PENDING: ['ACTIVE', 'ERROR', 'REVOKED', 'SUSPENDED'],
  ACTIVE: ['ACTIVE', 'EXPIRED', 'REVOKED', 'ERROR', 'SUSPENDED'],
  EXPIRED: ['ACTIVE', 'REVOKED', 'ERROR', 'SUSPENDED'],
  REVOKED: ['ACTIVE', 'SUSPENDED'],
  ERROR: ['ACTIVE', 'EXPIRED', 'REVOKED', 'SUSPENDED'],
  SUSPENDED: ['PENDING', 'ACTIVE', 'EXPIRED', 'REVOKED', 'ERROR'],
};

export function canTransition(from: AccountStatus, to: AccountStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isAccountStatus(value: unknown): value is AccountStatus {
  return typeof value === 'string' && (ACCOUNT_STATUSES as readonly string[]).includes(value);
}
