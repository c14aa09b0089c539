import type { AccountRow } from '../store/index.ts';

/** The account's non-secret values (pre-consent fields, afterConsent results) from its row. */
export function accountValues(row: Pick<AccountRow, 'account_values'>): Record<string, string> {
  // A row written before the column existed reads as the column default; be lenient with null.
  return row.account_values ? (JSON.parse(row.account_values) as Record<string, string>) : {};
}
