import type { Command } from 'commander';
import type { OnBehalf } from '@onbehalf/core';
import { connectionProblemsOf } from '../connection-problems-of.ts';
import { EXIT_CODES, errorCodeOf, exitCodeOf, safeMessageOf } from '../exit-codes.ts';
import { action } from '../session.ts';

export interface DoctorCheck {
  check: 'configuration' | 'encryption key' | 'database' | 'stored secrets' | 'connection';
  /** The connection's name, for connection checks. */
  name?: string;
  ok: boolean;
  message: string;
  /** The error code of a failed check, or CONNECTION_MISCONFIGURED. */
  code?: string;
  problems?: string[];
  redirectUri?: string | null;
}

const failed = (check: DoctorCheck['check'], error: unknown): DoctorCheck => ({ check, ok: false, code: errorCodeOf(error), message: safeMessageOf(error) });

/** Runs the checks in order; a check that others depend on (the key, the database) stops the rest. */
async function diagnose(open: () => Promise<OnBehalf>): Promise<{ checks: DoctorCheck[]; exitCode: number }> {
  const checks: DoctorCheck[] = [];
  let ob: OnBehalf;
  try {
    ob = await open();
  } catch (error) {
    const keyError = /^ENCRYPTION_KEY_/.test(errorCodeOf(error));
    checks.push(failed(keyError ? 'encryption key' : 'configuration', error));
    return { checks, exitCode: exitCodeOf(error) };
  }
  checks.push({ check: 'encryption key', ok: true, message: `current key '${ob.vault.currentKeyId}'` });

  let connections;
  try {
    connections = await ob.connections.list();
  } catch (error) {
    checks.push(failed(exitCodeOf(error) === EXIT_CODES.DATABASE ? 'database' : 'configuration', error));
    return { checks, exitCode: exitCodeOf(error) };
  }
  checks.push({ check: 'database', ok: true, message: `reachable, migrated, ${connections.length} connection(s)` });

  let exitCode: number = EXIT_CODES.OK;
  const verified = await ob.vault.verify();
  if (verified.failed.length > 0) {
    const keyIds = [...new Set(verified.failed.map((f) => f.keyId ?? '?'))].join(', ');
    checks.push({
      check: 'stored secrets',
      ok: false,
      code: 'DECRYPTION_FAILED',
      message: `${verified.failed.length} of ${verified.failed.length + verified.opened} sealed value(s) tried do not open with this key ring (sealed under key id ${keyIds}): this is not the app's key, or a key is missing from the ring`,
    });
    exitCode = EXIT_CODES.CONFIGURATION;
  } else {
    checks.push({ check: 'stored secrets', ok: true, message: `${verified.opened} sealed value(s) tried, all open` });
  }

  for (const connection of connections) {
    let problems: string[];
    try {
      problems = connectionProblemsOf(ob, connection);
    } catch (error) {
      problems = [safeMessageOf(error)];
    }
    const ok = problems.length === 0;
    checks.push({
      check: 'connection',
      name: connection.name,
      ok,
      ...(ok ? {} : { code: 'CONNECTION_MISCONFIGURED' }),
      message: ok ? `${connection.provider} (${connection.authType})` : problems.join('; '),
      problems,
      redirectUri: connection.redirectUri,
    });
    if (!ok && exitCode === EXIT_CODES.OK) exitCode = EXIT_CODES.CONFIGURATION;
  }
  return { checks, exitCode };
}

export function doctorCommand(program: Command): void {
  program
    .command('doctor')
    .description("check the encryption key, the database, that the key opens what is stored, and each connection's configuration and redirect URI")
    .action(
      action(async ({ out, open }) => {
        const { checks, exitCode } = await diagnose(open);
        out.result({ ok: exitCode === EXIT_CODES.OK, checks }, () =>
          checks
            .map((c) => {
              const head = `${c.ok ? 'ok  ' : 'FAIL'} ${c.check}${c.name ? ` ${c.name}` : ''}: ${c.message}`;
              return c.redirectUri ? `${head}\n     redirect URI to register: ${c.redirectUri}` : head;
            })
            .join('\n'),
        );
        process.exitCode = exitCode;
      }),
    );
}
