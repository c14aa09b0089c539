/** An interval in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * The gaps of at least `minMs` in [from, to) that no busy interval covers, in order. Busy
 * intervals may overlap and extend past the range.
 */
export function freeSlots(busy: readonly Interval[], from: number, to: number, minMs: number): Interval[] {
  const sorted = busy.filter((b) => b.end > from && b.start < to).sort((a, b) => a.start - b.start);
  const slots: Interval[] = [];
  let cursor = from;
  for (const interval of sorted) {
    if (interval.start - cursor >= minMs) slots.push({ start: cursor, end: interval.start });
    cursor = Math.max(cursor, interval.end);
  }
  if (to - cursor >= minMs) slots.push({ start: cursor, end: to });
  return slots;
}
