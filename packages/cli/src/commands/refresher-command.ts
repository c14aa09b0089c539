import type { Command } from 'commander';
import { EXIT_CODES } from '../exit-codes.ts';
import { integer } from '../parse-values.ts';
import { action } from '../session.ts';

export function refresherCommand(program: Command): void {
  const refresher = program.command('refresher').description('the proactive token refresher');

  refresher
    .command('run-once')
    .description('one sweep: refresh tokens that expire soon, delete long-expired links and OAuth transactions (e.g. from cron)')
    .option('--ahead-seconds <n>', 'refresh tokens that expire within this many seconds (default 600)', integer(1))
    .option('--concurrency <n>', 'token requests in flight at once (default 8)', integer(1))
    .option('--max <n>', 'most accounts this sweep refreshes (default 10000)', integer(1))
    .action(
      action(async ({ out, open }, options: { aheadSeconds?: number; concurrency?: number; max?: number }) => {
        const ob = await open();
        // The interval is never reached: the sweep is run here, and the refresher stopped after it.
        const running = ob.startRefresher({
          intervalSeconds: 24 * 3600,
          ...(options.aheadSeconds ? { aheadSeconds: options.aheadSeconds } : {}),
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
          ...(options.max ? { maxPerSweep: options.max } : {}),
        });
        try {
          const result = await running.runOnce();
          out.result(result, () => `Refreshed ${result.refreshed}, failed ${result.failed}, pruned ${result.pruned} expired link(s) and transaction(s).`);
          if (result.failed > 0) process.exitCode = EXIT_CODES.PROVIDER;
        } finally {
          await running.stop();
        }
      }),
    );
}
