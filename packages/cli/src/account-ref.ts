import type { AccountRef } from '@onbehalf/core';
import { CliError, EXIT_CODES } from './exit-codes.ts';

export interface AccountRefOptions {
  connection?: string;
  identifier?: string;
  alias?: string;
}

/** `<id>`, or `--connection` with `--identifier` (and `--alias`): how every account command names its account. */
export function accountRef(id: string | undefined, options: AccountRefOptions): AccountRef {
  if (id) return { id };
  if (options.connection && options.identifier) return { connection: options.connection, identifier: options.identifier, ...(options.alias ? { alias: options.alias } : {}) };
  throw new CliError('USAGE', 'Name the account by its id, or by --connection and --identifier.', EXIT_CODES.USAGE);
}
