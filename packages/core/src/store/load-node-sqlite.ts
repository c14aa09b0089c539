import { OnBehalfError } from '../errors.ts';
import { MINIMUM_NODE } from './node-version.ts';

type NodeSqlite = typeof import('node:sqlite');

/**
 * Node's built-in SQLite, loaded only when a SQLite database is first opened: an app on PostgreSQL
 * (or on its own Kysely) never loads it. Node 22.13–23 print an ExperimentalWarning when the module
 * loads, on every start of the app although the app chose nothing experimental; that one warning
 * is dropped while it loads, and every other warning passes through.
 */
export function loadNodeSqlite(getBuiltin: (id: string) => unknown = (id) => process.getBuiltinModule?.(id)): NodeSqlite {
  const emitWarning = process.emitWarning;
  process.emitWarning = function emitUnlessSqliteExperimental(this: unknown, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type ?? (warning instanceof Error ? warning.name : undefined);
    const text = warning instanceof Error ? warning.message : String(warning);
    if (type === 'ExperimentalWarning' && /sqlite/i.test(text)) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  let sqlite: NodeSqlite | undefined;
  try {
    sqlite = getBuiltin('node:sqlite') as NodeSqlite | undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
  if (!sqlite?.DatabaseSync) {
    throw new OnBehalfError('CONFIGURATION_ERROR', `The embedded SQLite database needs Node.js ${MINIMUM_NODE.replace(/\.0$/, '')} or newer (node:sqlite); this process runs Node.js ${process.versions.node}. Upgrade Node.js, or use PostgreSQL.`);
  }
  return sqlite;
}
