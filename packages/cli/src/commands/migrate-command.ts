import type { Command } from 'commander';
import { action } from '../session.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description("create or update onbehalf's tables, then upsert the connections of --config")
    .action(
      action(async ({ out, open }) => {
        const ob = await open();
        await ob.migrate();
        const connections = await ob.connections.list();
        out.result({ migrated: true, connections }, () => `Migrated. ${connections.length} connection(s): ${connections.map((c) => c.name).join(', ') || 'none'}.`);
      }),
    );
}
