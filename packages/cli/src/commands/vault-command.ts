import type { Command } from 'commander';
import { EXIT_CODES } from '../exit-codes.ts';
import { createProgressBar } from '../progress-bar.ts';
import { integer } from '../parse-values.ts';
import { action } from '../session.ts';

export function vaultCommand(program: Command): void {
  const vault = program.command('vault').description('the encrypted vault');

  vault
    .command('rotate')
    .description(
      're-encrypt every stored secret under the current key (ONBEHALF_CURRENT_KEY_ID of ONBEHALF_ENCRYPTION_KEYS, or the currentKeyId of --config); resumable: stop it at any point and run it again',
    )
    .option('--batch-size <n>', 'rows per batch (default 100)', integer(1))
    .option('--limit <n>', 'stop after this many account rows (the next run goes on from there)', integer(0))
    .option('--no-progress', 'no progress bar on stderr')
    .action(
      action(async ({ out, open }, options: { batchSize?: number; limit?: number; progress: boolean }) => {
        const ob = await open();
        const bar = options.progress ? createProgressBar(`re-encrypting under '${ob.vault.currentKeyId}':`) : undefined;
        // Every row is moved in its own conditional update: what is done when Ctrl-C comes stays done.
        const interrupted = () => {
          bar?.finish();
          out.note('Interrupted: the rows moved so far are under the new key; run `onbehalf vault rotate` again to go on.');
          process.exit(EXIT_CODES.INTERRUPTED);
        };
        process.once('SIGINT', interrupted);
        try {
          const result = await ob.vault.rotate({
            ...(options.batchSize ? { batchSize: options.batchSize } : {}),
            ...(options.limit !== undefined ? { limit: options.limit } : {}),
            ...(bar ? { onProgress: (p: { done: number; total: number; failed: number }) => bar.update(p.done, p.total, p.failed) } : {}),
          });
          bar?.finish();
          out.result(result, () => {
            const moved = `Moved ${result.accounts} account(s) and ${result.connections} connection secret(s) to key '${result.currentKeyId}'.`;
            return result.remaining > 0 ? `${moved} ${result.remaining} account(s) still under another key: run it again.` : `${moved} Nothing left under another key.`;
          });
          if (result.failed.length > 0) {
            // The result above already lists them (one JSON document on stdout): say what to do on stderr.
            out.note(`onbehalf: ${result.failed.length} row(s) could not be opened with any key in the ring (${result.failed.map((f) => `${f.table}:${f.rowId}`).join(', ')}): add the key they were sealed with to ONBEHALF_ENCRYPTION_KEYS.`);
            process.exitCode = EXIT_CODES.CONFIGURATION;
          }
        } finally {
          process.off('SIGINT', interrupted);
        }
      }),
    );
}
