/** Busy intervals (ISO strings) merged across calendars, and the gaps of at least `minimumMs` between `from` and `to`. */
export function freeSlots(busy: Array<{ start: string; end: string }>, from: string, to: string, minimumMs: number, max: number): Array<{ start: string; end: string }> {
  const windowStart = Date.parse(from);
  const windowEnd = Date.parse(to);
  const intervals = busy
    .map((b) => [Math.max(Date.parse(b.start), windowStart), Math.min(Date.parse(b.end), windowEnd)] as const)
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s)
    .sort((a, b) => a[0] - b[0]);
  const slots: Array<{ start: string; end: string }> = [];
  let cursor = windowStart;
  for (const [s, e] of [...intervals, [windowEnd, windowEnd] as const]) {
    if (s - cursor >= minimumMs) slots.push({ start: new Date(cursor).toISOString(), end: new Date(s).toISOString() });
    if (slots.length >= max) break;
    cursor = Math.max(cursor, e);
  }
  return slots;
}
