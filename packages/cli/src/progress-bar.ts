export interface ProgressBar {
  update(done: number, total: number, failed?: number): void;
  finish(): void;
}

const WIDTH = 30;

/**
 * A progress bar on a terminal (redrawn in place), and on anything else (a CI log, a pipe) one
 * line per tenth of the way, so logs stay short.
 */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total, failed = 0) {
      const ratio = total === 0 ? 1 : Math.min(1, done / total);
      const text = `${label} ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
      if (stream.isTTY) {
        const filled = Math.round(ratio * WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${text}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(ratio * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${text}\n`);
    },
    finish() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
