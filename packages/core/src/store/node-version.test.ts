import { describe, expect, it } from 'vitest';
import { OnBehalfError } from '../errors.ts';
import { loadNodeSqlite } from './load-node-sqlite.ts';
import { assertSupportedNode } from './node-version.ts';

describe('assertSupportedNode', () => {
  it('refuses a Node.js older than 22.13 with an OnBehalfError naming the version it needs', () => {
    for (const old of ['20.20.2', 'v20.19.0', '22.12.0', '18.0.0', '21.99.99']) {
      let error: unknown;
      try {
        assertSupportedNode(old);
      } catch (e) {
        error = e;
      }
      expect(error, old).toBeInstanceOf(OnBehalfError);
      expect((error as OnBehalfError).message).toContain('needs Node.js 22.13 or newer');
      expect((error as OnBehalfError).message).toContain(old);
    }
  });

  it('accepts 22.13 and newer', () => {
    for (const fine of ['22.13.0', '22.22.1', '23.0.0', '24.0.0', 'v26.1.0', process.versions.node]) expect(() => assertSupportedNode(fine), fine).not.toThrow();
  });
});

describe('loadNodeSqlite', () => {
  /** What Node 22.13–23 do when node:sqlite loads: an ExperimentalWarning, synchronously. */
  const warningLoader = (id: string) => {
    process.emitWarning('SQLite is an experimental feature and might change at any time', 'ExperimentalWarning');
    process.emitWarning('something else is deprecated', 'DeprecationWarning', 'DEP_TEST');
    return process.getBuiltinModule(id);
  };

  it('drops the SQLite ExperimentalWarning while loading, passes other warnings, and restores emitWarning', async () => {
    const seen: string[] = [];
    const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
    process.on('warning', listener);
    const emitWarning = process.emitWarning;
    try {
      const sqlite = loadNodeSqlite(warningLoader);
      expect(typeof sqlite.DatabaseSync).toBe('function');
      expect(process.emitWarning).toBe(emitWarning);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are delivered on the next tick
      expect(seen).toEqual(['DeprecationWarning: something else is deprecated']);
    } finally {
      process.off('warning', listener);
    }
  });

  it('says which Node.js SQLite needs where node:sqlite does not exist (Node 20)', () => {
    expect(() => loadNodeSqlite(() => undefined)).toThrow(/embedded SQLite database needs Node\.js 22\.13 or newer.*or use PostgreSQL/);
  });
});
