// Timing helpers for the benchmarks: medians of many runs, printed as ratios against a baseline
// measured in the same run. Never a threshold on absolute time.

/** Median microseconds per call of `fn`, over `rounds` rounds of `perRound` sequential calls. */
export async function medianMicros(fn: () => unknown, { rounds = 15, perRound = 200 } = {}): Promise<number> {
  for (let i = 0; i < perRound; i++) await fn(); // warm up (JIT, statement caches, connections)
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) await fn();
    samples.push(Number(process.hrtime.bigint() - start) / perRound / 1000);
  }
  return median(samples);
}

/** Median microseconds per call for two functions measured interleaved, so drift hits both alike. */
export async function pairedMedians(a: () => unknown, b: () => unknown, { rounds = 31, perRound = 100 } = {}): Promise<[number, number]> {
  for (let i = 0; i < perRound; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [fn, samples] of [[a, as], [b, bs]] as const) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) await fn();
      samples.push(Number(process.hrtime.bigint() - start) / perRound / 1000);
    }
  }
  return [median(as), median(bs)];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Row {
  name: string;
  micros: number;
  /** The baseline this row is compared with (its ratio), or undefined for a baseline itself. */
  baseline?: number;
  target?: string;
}

/** Prints one table: µs per call and the ratio against each row's baseline. */
export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(`${'benchmark'.padEnd(58)} ${'µs/call'.padStart(9)} ${'ratio'.padStart(8)}  target`);
  for (const row of rows) {
    const ratio = row.baseline === undefined ? '' : `${(row.micros / row.baseline).toFixed(2)}×`;
    console.log(`${row.name.padEnd(58)} ${row.micros.toFixed(1).padStart(9)} ${ratio.padStart(8)}  ${row.target ?? ''}`);
  }
}
