import type { AccountRef } from '../accounts/index.ts';
import type { ConnectionService } from '../connections/index.ts';
import { AuthorizationRequiredError, OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { AuthorizationLinks } from '../links/index.ts';
import type { Runtime } from '../runtime.ts';

/** At most this many connection names in a message. */
const MAX_LISTED = 25;

/**
 * Turns what a credentials read found missing into what the caller can act on — on the error path
 * only, so a read that succeeds pays nothing for it:
 *
 * - no account for `(connection, identifier)` and no such connection: CONNECTION_NOT_FOUND listing
 *   the configured connections (a typo, or a connection never configured);
 * - a known connection but nobody connected yet (no account, or a PENDING one): an
 *   AuthorizationRequiredError naming both, with an authorization link when `baseUrl` is set, as
 *   `tools.execute` answers. The link is a reusable one, so asking again does not mint a new link.
 *
 * Any other error is returned as it is.
 */
export function createUnconnectedExplainer(runtime: Runtime, connections: ConnectionService, links: AuthorizationLinks) {
  async function linkFor(connection: string, identifier: string, alias: string | undefined): Promise<string | undefined> {
    if (!runtime.baseUrl) return undefined;
    try {
      return (await links.create({ connection, identifier, ...(alias !== undefined ? { alias } : {}), reuse: true })).link;
    } catch (error) {
      runtime.logger.warn('onbehalf could not create an authorization link', { connection, code: isOnBehalfError(error) ? error.code : 'UNKNOWN' });
      return undefined;
    }
  }

  return async function explain(error: unknown, ref: AccountRef): Promise<unknown> {
    if (!isOnBehalfError(error) || !ref || typeof ref !== 'object' || 'id' in ref) return error;
    const { connection, identifier, alias } = ref as { connection: string; identifier: string; alias?: string };
    if (error.code === 'ACCOUNT_NOT_FOUND') {
      const known = await connections.snapshot();
      if (!known.byName.has(connection)) {
        // The snapshot may lag another process's upsert by a moment: the row is the authority.
        const exists = await connections.get(connection).then(() => true, (e: unknown) => (isOnBehalfError(e, 'CONNECTION_NOT_FOUND') ? false : Promise.reject(e)));
        if (!exists) {
          const names = known.connections.map((c) => c.name).sort();
          const shown = names.length === 0 ? 'none (configure connections in createOnBehalf or with ob.connections.upsert)'
            : `${names.slice(0, MAX_LISTED).join(', ')}${names.length > MAX_LISTED ? ` … and ${names.length - MAX_LISTED} more` : ''}`;
          return new OnBehalfError('CONNECTION_NOT_FOUND', `No connection named '${connection}'. Configured connections: ${shown}.`, { details: { connection, available: names } });
        }
      }
    } else if (!(error instanceof AuthorizationRequiredError) || error.authorizationLink || error.accountStatus !== 'PENDING') {
      return error;
    }
    const link = await linkFor(connection, identifier, alias);
    return new AuthorizationRequiredError(
      `'${identifier}' has not connected an account on connection '${connection}' yet.${link ? ' Send the person to the authorization link.' : ' Create an authorization link (ob.accounts.authorizationLink) for them.'}`,
      { accountStatus: 'PENDING', ...(link ? { authorizationLink: link } : {}), details: { connection, identifier } },
    );
  };
}
