import { InvalidArgumentError } from 'commander';

/** commander's argParser for counts: a usage error (exit 1) for anything but a whole number. */
export function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number of at least ${min}.`);
    return n;
  };
}

export const list = (value: string): string[] => value.split(',').map((item) => item.trim()).filter(Boolean);
