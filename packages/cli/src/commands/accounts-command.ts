import { Option, type Command } from 'commander';
import { ACCOUNT_STATUSES, type AccountStatus } from '@onbehalf/core';
import { accountRef, type AccountRefOptions } from '../account-ref.ts';
import { details, table } from '../output.ts';
import { integer, list } from '../parse-values.ts';
import { action } from '../session.ts';

const ACCOUNT_COLUMNS = ['id', 'connection', 'identifier', 'status', 'statusReason', 'scopes', 'expiresAt'];

/** `[id]` or `--connection`/`--identifier`/`--alias`, on every command that acts on one account. */
function withRef(command: Command): Command {
  return command
    .argument('[id]', 'the account id (or name it with --connection and --identifier)')
    .option('-c, --connection <name>', 'the connection')
    .option('-i, --identifier <id>', "the app's id of the user (org, …)")
    .option('--alias <alias>', 'which of the identifier\'s accounts on that connection');
}

export function accountsCommand(program: Command): void {
  const accounts = program.command('accounts').description('connected accounts');

  accounts
    .command('list')
    .description('accounts, newest first, one page at a time')
    .option('-c, --connection <name>', 'only this connection')
    .option('-i, --identifier <id>', 'only this identifier')
    .addOption(new Option('-s, --status <status>', 'only this status').choices(ACCOUNT_STATUSES))
    .option('-l, --limit <n>', 'accounts per page (default 50)', integer(1))
    .option('--cursor <cursor>', 'the nextCursor of the previous page')
    .action(
      action(async ({ out, open }, options: { connection?: string; identifier?: string; status?: AccountStatus; limit?: number; cursor?: string }) => {
        const page = await (await open()).accounts.list(options);
        out.result(page, () => `${table(page.items as unknown as Array<Record<string, unknown>>, ACCOUNT_COLUMNS)}${page.nextCursor ? `\nMore: --cursor ${page.nextCursor}` : ''}`);
      }),
    );

  withRef(accounts.command('show').description('one account: status, scopes, expiry, provider identity values'))
    .action(
      action(async ({ out, open }, id: string | undefined, options: AccountRefOptions) => {
        const ref = accountRef(id, options);
        const account = await (await open()).accounts.get(ref);
        out.result(account, () => details(account as unknown as Record<string, unknown>));
      }),
    );

  accounts
    .command('link')
    .description('a one-time authorization link to send to the person (creates the account PENDING if needed)')
    .requiredOption('-c, --connection <name>', 'the connection')
    .requiredOption('-i, --identifier <id>', "the app's id of the user (org, …)")
    .option('--return-to <url>', 'where to send the person afterwards (same origin as baseUrl)')
    .option('--scopes <a,b>', "extra scopes on top of the connection's", list)
    .option('--expires-in <seconds>', 'how long the link is valid (default 900)', integer(1))
    .action(
      action(async ({ out, open }, options: { connection: string; identifier: string; returnTo?: string; scopes?: string[]; expiresIn?: number }) => {
        const link = await (await open()).accounts.authorizationLink(options);
        out.result(link, () => `${link.link}\n(valid until ${link.expiresAt.toISOString()})`);
      }),
    );

  withRef(accounts.command('refresh').description('refresh the access token now'))
    .action(
      action(async ({ out, open }, id: string | undefined, options: AccountRefOptions) => {
        const ref = accountRef(id, options);
        const ob = await open();
        // The token itself is never printed: the account shows the new expiry.
        await ob.accounts.refresh(ref);
        const account = await ob.accounts.get(ref);
        out.result(account, () => `Refreshed ${account.connection}/${account.identifier}: expires ${account.expiresAt?.toISOString() ?? 'never'}.`);
      }),
    );

  withRef(accounts.command('revoke').description('revoke at the provider when it can, delete the tokens, set REVOKED'))
    .action(
      action(async ({ out, open }, id: string | undefined, options: AccountRefOptions) => {
        const ref = accountRef(id, options);
        const account = await (await open()).accounts.revoke(ref);
        out.result(account, () => `Revoked ${account.connection}/${account.identifier}${account.revokedAtProvider ? ' (also at the provider)' : ' (not revoked at the provider: it offers no revocation, or refused)'}.`);
      }),
    );
}
