import { expect, it } from 'vitest';
import { createProgressBar } from '../src/progress-bar.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, target: { isTTY, write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WriteStream };
}

it('redraws one line in place on a terminal and ends it with a newline', () => {
  const tty = stream(true);
  const bar = createProgressBar('rotating:', tty.target);
  bar.update(0, 4);
  bar.update(2, 4, 1);
  bar.update(4, 4, 1);
  bar.finish();
  expect(tty.written).toEqual([
    `\r[${'.'.repeat(30)}] rotating: 0/4`,
    `\r[${'#'.repeat(15)}${'.'.repeat(15)}] rotating: 2/4 (1 failed)`,
    `\r[${'#'.repeat(30)}] rotating: 4/4 (1 failed)`,
    '\n',
  ]);
});

it('prints a line per tenth elsewhere, so a CI log stays short', () => {
  const log = stream(false);
  const bar = createProgressBar('rotating:', log.target);
  for (let done = 0; done <= 100; done++) bar.update(done, 100);
  bar.finish();
  expect(log.written).toHaveLength(11);
  expect(log.written[0]).toBe('rotating: 0/100\n');
  expect(log.written[10]).toBe('rotating: 100/100\n');
  // Nothing to do is done at once.
  const empty = stream(false);
  createProgressBar('rotating:', empty.target).update(0, 0);
  expect(empty.written).toEqual(['rotating: 0/0\n']);
});
