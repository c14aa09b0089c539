import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkImports, readImportGraph, type ImportEdge } from './import-rules.ts';

const src = fileURLToPath(new URL('../../src', import.meta.url));

describe('the architecture of packages/core/src', () => {
  it('imports go only down the declared layers, through each folder\'s index.ts, with no cycle and no test code', () => {
    const { edges, units } = readImportGraph(src);
    expect(edges.length).toBeGreaterThan(100);
    expect(checkImports(edges, units, (unit) => existsSync(join(src, unit, 'index.ts')))).toEqual([]);
  });
});

describe('the checker', () => {
  const units = new Set(['store', 'tools', 'catalog', 'catalog/gmail', 'catalog/slack', 'catalog/google', 'errors.ts']);
  const check = (edges: ImportEdge[]) => checkImports(edges, units, () => true);

  it('accepts downward imports through doors', () => {
    expect(check([
      { from: 'tools/create-tools.ts', specifier: '../store/index.ts', to: 'store/index.ts' },
      { from: 'catalog/gmail/provider.ts', specifier: '../google/index.ts', to: 'catalog/google/index.ts' },
      { from: 'catalog/index.ts', specifier: './gmail/index.ts', to: 'catalog/gmail/index.ts' },
      { from: 'store/ids.ts', specifier: '../errors.ts', to: 'errors.ts' },
      { from: 'store/ids.ts', specifier: 'node:crypto' },
    ])).toEqual([]);
  });

  it('refuses an upward import', () => {
    expect(check([{ from: 'store/ids.ts', specifier: '../tools/index.ts', to: 'tools/index.ts' }])).toEqual([
      "store/ids.ts imports '../tools/index.ts': tools is above store in LAYERS (imports go only down)",
    ]);
  });

  it('refuses one provider folder importing another, and a bypassed door', () => {
    expect(check([{ from: 'catalog/gmail/index.ts', specifier: '../slack/index.ts', to: 'catalog/slack/index.ts' }])).toEqual([
      "catalog/gmail/index.ts imports '../slack/index.ts': catalog/slack is beside catalog/gmail in LAYERS (imports go only down)",
    ]);
    expect(check([{ from: 'tools/create-tools.ts', specifier: '../store/ids.ts', to: 'store/ids.ts' }])).toEqual([
      "tools/create-tools.ts imports '../store/ids.ts' past store's door; import 'store/index.ts' instead",
    ]);
  });

  it('refuses test code and test-only packages in product files, but lets tests reach in', () => {
    expect(check([
      { from: 'tools/create-tools.ts', specifier: '../../test/support/databases.ts', to: '../test/support/databases.ts' },
      { from: 'tools/create-tools.ts', specifier: 'vitest' },
      { from: 'tools/create-tools.ts', specifier: '@onbehalf/sandbox' },
      { from: 'tools/tools.test.ts', specifier: '../store/ids.ts', to: 'store/ids.ts' },
    ])).toEqual([
      "tools/create-tools.ts imports '../../test/support/databases.ts', outside src (test code?); product code must not",
      "tools/create-tools.ts imports 'vitest', a test-only package; product code must not",
      "tools/create-tools.ts imports '@onbehalf/sandbox', a test-only package; product code must not",
    ]);
  });

  it('reports cycles and units missing from the layers or without a door', () => {
    expect(check([
      { from: 'tools/a.ts', specifier: './b.ts', to: 'tools/b.ts' },
      { from: 'tools/b.ts', specifier: './a.ts', to: 'tools/a.ts' },
    ])).toEqual(['import cycle: tools/a.ts -> tools/b.ts -> tools/a.ts']);
    expect(checkImports([], new Set(['widgets']), () => false)).toEqual([
      'widgets: not in the declared LAYERS; add it where it belongs',
      'widgets/: has no index.ts (its only door)',
    ]);
  });
});
