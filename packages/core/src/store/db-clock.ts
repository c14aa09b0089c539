import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './database.ts';

/**
 * "Now" in epoch milliseconds as the database sees it, for lease times. Instances of one app can
 * run on machines whose clocks disagree; if each judged a lease by its own clock, a skewed one
 * would take over a lease that is still held and refresh a rotating token twice. PostgreSQL has
 * one clock for everybody (clock_timestamp(), not now(): a lease taken late in a long transaction
 * must not be dated at its start). SQLite lives on one machine, so the process clock is that
 * machine's clock; `fallback` keeps tests with a fake clock meaningful there.
 */
export function dbNowMs(dialect: DialectName, fallback: number): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(floor(extract(epoch from clock_timestamp()) * 1000))::bigint`
    : sql<number>`${fallback}`;
}
