import type { Command } from 'commander';
import { connectionProblemsOf } from '../connection-problems-of.ts';
import { details, table } from '../output.ts';
import { action } from '../session.ts';

export function connectionsCommand(program: Command): void {
  const connections = program.command('connections').description('the configured connections');

  connections
    .command('list')
    .description('every connection, with the redirect URI to register at its provider')
    .action(
      action(async ({ out, open }) => {
        const list = await (await open()).connections.list();
        out.result(list, () => table(list.map((c) => ({ ...c, clientSecret: c.hasClientSecret ? 'set' : 'none' })), ['name', 'provider', 'authType', 'clientId', 'clientSecret', 'redirectUri']));
      }),
    );

  connections
    .command('show')
    .description('one connection and what stops it from working, if anything')
    .argument('<name>', 'the connection name')
    .action(
      action(async ({ out, open }, name: string) => {
        const ob = await open();
        const connection = await ob.connections.get(name);
        const shown = { ...connection, problems: connectionProblemsOf(ob, connection) };
        out.result(shown, () => details(shown));
      }),
    );
}
