import { Command, CommanderError } from 'commander';
import { accountsCommand } from './commands/accounts-command.ts';
import { connectionsCommand } from './commands/connections-command.ts';
import { doctorCommand } from './commands/doctor-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { refresherCommand } from './commands/refresher-command.ts';
import { vaultCommand } from './commands/vault-command.ts';
import { EXIT_CODES, errorCodeOf, exitCodeOf, safeMessageOf } from './exit-codes.ts';

const ENVIRONMENT = `
Environment (what the library reads; --config options take precedence):
  ONBEHALF_DATABASE_URL     sqlite:./onbehalf.db (default), postgres://…
  ONBEHALF_ENCRYPTION_KEY   32 random bytes, base64 (key id 'default')
  ONBEHALF_BASE_URL         where the app mounts onbehalf, e.g. https://app.example.com/onbehalf
  ONBEHALF_ENCRYPTION_KEYS  a key ring instead, for rotation: id:key,id:key
  ONBEHALF_CURRENT_KEY_ID   the ring's key that encrypts

Exit codes: 0 ok, 1 usage, 2 configuration (key, --config, connection), 3 database,
  4 not found, 5 a provider refused or failed, 6 the account needs authorization or is
  suspended, 9 internal error, 130 interrupted.`;

/** The `onbehalf` program: its commands and global options, errors left to the caller. */
export function createProgram(): Command {
  const program = new Command('onbehalf')
    .description('Operate onbehalf from a shell: migrate, inspect connections and accounts, send links, refresh, revoke, rotate the key, check a deployment.')
    .option('--config <file>', 'a module whose default export is your createOnBehalf options (or a function returning them, or your OnBehalf instance), for custom providers and connections')
    .option('--database <url>', 'the database (default ONBEHALF_DATABASE_URL)')
    .option('--json', 'print the result as JSON, as the API returns it (secrets never)')
    .addHelpText('after', ENVIRONMENT)
    .showHelpAfterError('(onbehalf --help lists the commands)')
    .exitOverride();
  migrateCommand(program);
  connectionsCommand(program);
  accountsCommand(program);
  vaultCommand(program);
  refresherCommand(program);
  doctorCommand(program);
  // Subcommands inherit the override, so a usage error anywhere comes back here instead of exiting.
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs `onbehalf` with the arguments after the program name and returns the exit code. A failure
 * is one line on stderr (or `{ "error": … }` on stdout with --json), its message safe to log.
 */
export async function runCli(argv: string[]): Promise<number> {
  const program = createProgram();
  // Commands that report and still fail (doctor, a sweep with failures) set process.exitCode.
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version are not failures; commander has printed its message already.
      return error.exitCode === 0 ? EXIT_CODES.OK : EXIT_CODES.USAGE;
    }
    const exitCode = exitCodeOf(error);
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify({ error: { code: errorCodeOf(error), message: safeMessageOf(error), exitCode } }, null, 2)}\n`);
    else process.stderr.write(`onbehalf: ${safeMessageOf(error)}\n`);
    return exitCode;
  }
}
