import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkArchitecture, type ArchitectureRules, type Layer } from './check-architecture.ts';
import { readImportGraph, type ImportEdge, type ImportGraph } from './read-import-graph.ts';

/**
 * The declared order of packages/core/src, top to bottom. A unit may import only units in rows
 * strictly below its own (never a sibling in its row), and only through their index.ts. Units: each
 * top-level file, each top-level folder, `catalog` (the files directly in catalog/) and each
 * `catalog/<folder>`. A new folder or top-level file fails the test until it is given a row here.
 * index.ts and create-on-behalf.ts are one tier (the composition root) split in two rows, so that
 * index.ts may import create-on-behalf.ts and never the reverse.
 */
const LAYERS: Layer[] = [
  { units: ['index.ts'], what: 'the public entry point of @onbehalf/core' },
  { units: ['create-on-behalf.ts'], what: 'the composition root that wires every service together' },
  { units: ['catalog'], what: 'the registry of built-in toolkits (catalog/index.ts)' },
  { units: ['catalog/*'], what: 'one provider folder per provider: provider, tools, toolkit; may use family folders, never another provider' },
  { units: ['catalog/google', 'catalog/microsoft', 'catalog/atlassian'], what: 'provider family helpers shared by a family of provider folders' },
  { units: ['http'], what: 'the web-standard handler: links, callbacks, hosted forms, connected-apps page, admin' },
  { units: ['tools'], what: 'tool model, registry index, dialects, search, hooks' },
  { units: ['public-api'], what: 'the public ob.accounts facade and key rotation over the services' },
  { units: ['api-client'], what: 'the authenticated provider client: request auth, fetch, retries, provider errors' },
  { units: ['refresh'], what: 'the refresh coordinator and the proactive refresher' },
  { units: ['oauth1'], what: 'the OAuth 1.0a flow, request signing and revocation (Trello), on the OAuth 2.0 transaction and cookie model' },
  { units: ['oauth'], what: 'authorization URL, code exchange, refresh grant, revocation, token normalisation' },
  { units: ['links'], what: 'authorization links, returnTo validation' },
  { units: ['accounts'], what: 'account service, status machine, aliases, identity, health' },
  { units: ['connections'], what: 'connection service' },
  { units: ['jwt'], what: 'signed JWT assertions: key import, signing, the RFC 7523 and provider token exchanges' },
  { units: ['runtime.ts'], what: 'the Runtime the services share (repositories, vault, providers, events, logger)' },
  { units: ['webhooks'], what: 'the webhook outbox: endpoints, Standard Webhooks signing, delivery with retries' },
  { units: ['events.ts'], what: 'the typed event emitter' },
  { units: ['providers'], what: 'provider model and defineProvider' },
  { units: ['store', 'vault'], what: 'persistence (kysely schema, migrations, repositories) and the keyring (leaves)' },
  { units: ['account-status.ts', 'errors.ts', 'logger.ts'], what: 'the shared vocabulary: account status, errors, logger (leaves)' },
];

const RULES: ArchitectureRules = {
  layers: LAYERS,
  // Test tooling and dev-only SDKs: none of them is a dependency of the published package.
  forbiddenPackages: ['vitest', '@vitest/*', '@onbehalf/sandbox', '@onbehalf/spec-check', '@onbehalf/e2e', 'yaml', '@notionhq/client', 'supertest', 'playwright-core'],
};

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

describe('the architecture of packages/core/src', () => {
  it('imports only go down the declared layers, through doors, without cycles or test code', () => {
    const violations = checkArchitecture(readImportGraph({ root: SRC }), RULES);
    expect(violations.map((violation) => `[${violation.rule}] ${violation.message}`)).toEqual([]);
  });

  it('sees a real graph', () => {
    const graph = readImportGraph({ root: SRC });
    expect(graph.imports.length).toBeGreaterThan(100);
    expect(graph.imports).toContainEqual({ from: 'index.ts', specifier: './create-on-behalf.ts', line: expect.any(Number), target: 'create-on-behalf.ts' });
  });
});

describe('readImportGraph', () => {
  it('reads every kind of import, type-only ones included, and nothing in comments or strings', () => {
    const root = mkdtempSync(join(tmpdir(), 'architecture-'));
    try {
      mkdirSync(join(root, 'tools'));
      writeFileSync(join(root, 'tools', 'index.ts'), [
        "import type { Store } from '../store/index.ts';",
        "import { z } from 'zod';",
        "export * from './a.ts';",
        "export { b } from './b.ts';",
        "import './side-effect.ts';",
        "const lazy = () => import('../http/index.ts');",
        "// import { commented } from './commented.ts';",
        "const text = \"import { quoted } from './quoted.ts'\";",
      ].join('\n'));
      writeFileSync(join(root, 'notes.md'), '');
      expect(readImportGraph({ root })).toEqual({
        files: ['notes.md', 'tools/index.ts'],
        imports: [
          { from: 'tools/index.ts', specifier: '../store/index.ts', line: 1, target: 'store/index.ts' },
          { from: 'tools/index.ts', specifier: 'zod', line: 2 },
          { from: 'tools/index.ts', specifier: './a.ts', line: 3, target: 'tools/a.ts' },
          { from: 'tools/index.ts', specifier: './b.ts', line: 4, target: 'tools/b.ts' },
          { from: 'tools/index.ts', specifier: './side-effect.ts', line: 5, target: 'tools/side-effect.ts' },
          { from: 'tools/index.ts', specifier: '../http/index.ts', line: 6, target: 'http/index.ts' },
        ],
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A small tree that satisfies the rules; each case below adds one wrong import to it. */
function cleanGraph(extra: ImportEdge[] = [], extraFiles: string[] = []): ImportGraph {
  const files = [
    'index.ts',
    'create-on-behalf.ts',
    'errors.ts',
    'store/index.ts',
    'store/ids.ts',
    'tools/index.ts',
    'tools/tool-registry.ts',
    'tools/tool-registry.test.ts',
    'catalog/index.ts',
    'catalog/google/index.ts',
    'catalog/gmail/index.ts',
    'catalog/gmail/provider.ts',
    'catalog/gmail/fixtures/gmail_send_email.json',
    'catalog/slack/index.ts',
    ...extraFiles,
  ];
  const imports: ImportEdge[] = [
    { from: 'index.ts', specifier: './create-on-behalf.ts', line: 1, target: 'create-on-behalf.ts' },
    { from: 'create-on-behalf.ts', specifier: './tools/index.ts', line: 1, target: 'tools/index.ts' },
    { from: 'create-on-behalf.ts', specifier: './catalog/index.ts', line: 2, target: 'catalog/index.ts' },
    { from: 'tools/index.ts', specifier: './tool-registry.ts', line: 1, target: 'tools/tool-registry.ts' },
    { from: 'tools/tool-registry.ts', specifier: '../store/index.ts', line: 1, target: 'store/index.ts' },
    { from: 'tools/tool-registry.ts', specifier: 'zod', line: 2 },
    { from: 'store/index.ts', specifier: './ids.ts', line: 1, target: 'store/ids.ts' },
    { from: 'store/ids.ts', specifier: '../errors.ts', line: 1, target: 'errors.ts' },
    { from: 'catalog/index.ts', specifier: './gmail/index.ts', line: 1, target: 'catalog/gmail/index.ts' },
    { from: 'catalog/gmail/index.ts', specifier: './provider.ts', line: 1, target: 'catalog/gmail/provider.ts' },
    { from: 'catalog/gmail/provider.ts', specifier: '../google/index.ts', line: 1, target: 'catalog/google/index.ts' },
    // Test files may reach into internals and use test tooling.
    { from: 'tools/tool-registry.test.ts', specifier: '../store/ids.ts', line: 1, target: 'store/ids.ts' },
    { from: 'tools/tool-registry.test.ts', specifier: 'vitest', line: 2 },
    ...extra,
  ];
  return { files, imports };
}

function messagesFor(graph: ImportGraph): string[] {
  return checkArchitecture(graph, RULES).map((violation) => `[${violation.rule}] ${violation.message}`);
}

describe('checkArchitecture', () => {
  it('passes a tree that follows the rules', () => {
    expect(messagesFor(cleanGraph())).toEqual([]);
  });

  it('fails an upward import, naming the file, the import and the layers', () => {
    expect(messagesFor(cleanGraph([{ from: 'store/ids.ts', specifier: '../tools/index.ts', line: 3, target: 'tools/index.ts' }]))).toEqual([
      // The layer numbers follow the order above (a unit added to it moves the ones below).
      `[layer] store/ids.ts:3 imports '../tools/index.ts': 'store' is in layer ${LAYERS.findIndex((layer) => layer.units.includes('store')) + 1} (persistence (kysely schema, migrations, repositories) and the keyring (leaves)) and 'tools' is in layer 7 (tool model, registry index, dialects, search, hooks), above; imports go only down the declared order — move the shared code into a lower unit or pass it in from above.`,
      '[cycle] import cycle among product files: tools/index.ts -> tools/tool-registry.ts -> store/index.ts -> store/ids.ts -> tools/index.ts; break it by moving the shared part into a file both can import.',
    ]);
  });

  it('fails an import between siblings of one layer, such as two provider folders', () => {
    expect(messagesFor(cleanGraph([{ from: 'catalog/gmail/provider.ts', specifier: '../slack/index.ts', line: 2, target: 'catalog/slack/index.ts' }]))).toEqual([
      expect.stringMatching(/^\[layer\] catalog\/gmail\/provider\.ts:2 imports '\.\.\/slack\/index\.ts': 'catalog\/gmail' is in layer 4 .* and 'catalog\/slack' is in the same layer 4;/),
    ]);
  });

  it('fails a bypass of a door', () => {
    expect(messagesFor(cleanGraph([{ from: 'create-on-behalf.ts', specifier: './store/ids.ts', line: 3, target: 'store/ids.ts' }]))).toEqual([
      "[door] create-on-behalf.ts:3 imports './store/ids.ts': store/ids.ts is inside unit 'store'; import it through its door 'store/index.ts' (export it from there if it is missing).",
    ]);
  });

  it('fails a cycle inside one unit', () => {
    expect(messagesFor(cleanGraph([{ from: 'tools/tool-registry.ts', specifier: './index.ts', line: 4, target: 'tools/index.ts' }]))).toEqual([
      '[cycle] import cycle among product files: tools/index.ts -> tools/tool-registry.ts -> tools/index.ts; break it by moving the shared part into a file both can import.',
    ]);
  });

  it('fails product code that imports test code, fixtures or test tooling', () => {
    expect(
      messagesFor(
        cleanGraph([
          { from: 'tools/tool-registry.ts', specifier: './tool-registry.test.ts', line: 5, target: 'tools/tool-registry.test.ts' },
          { from: 'tools/tool-registry.ts', specifier: '../../test/support/databases.ts', line: 6, target: '../test/support/databases.ts' },
          { from: 'catalog/gmail/provider.ts', specifier: './fixtures/gmail_send_email.json', line: 7, target: 'catalog/gmail/fixtures/gmail_send_email.json' },
          { from: 'tools/tool-registry.ts', specifier: 'vitest', line: 8 },
          { from: 'tools/tool-registry.ts', specifier: '@notionhq/client/build/src/api-endpoints', line: 9 },
          { from: 'tools/tool-registry.ts', specifier: '@vitest/expect', line: 10 },
        ]),
      ).map((message) => message.slice(0, message.indexOf(':', message.indexOf(' imports ')))),
    ).toEqual([
      "[test-code] tools/tool-registry.ts:5 imports './tool-registry.test.ts'",
      "[test-code] tools/tool-registry.ts:6 imports '../../test/support/databases.ts'",
      "[test-code] catalog/gmail/provider.ts:7 imports './fixtures/gmail_send_email.json'",
      "[forbidden-package] tools/tool-registry.ts:8 imports 'vitest'",
      "[forbidden-package] tools/tool-registry.ts:9 imports '@notionhq/client/build/src/api-endpoints'",
      "[forbidden-package] tools/tool-registry.ts:10 imports '@vitest/expect'",
    ]);
  });

  it('fails a unit folder without an index.ts, a unit in no layer and an import of a missing file', () => {
    expect(
      messagesFor(
        cleanGraph([{ from: 'store/ids.ts', specifier: '../errors', line: 2, target: 'errors' }], ['catalog/linear/provider.ts', 'widgets/widget.ts']),
      ).map((message) => message.slice(0, message.indexOf(';'))),
    ).toEqual([
      "[undeclared-unit] widgets/widget.ts belongs to unit 'widgets', which is in no layer",
      '[missing-door] catalog/linear/ has no index.ts',
      '[missing-door] widgets/ has no index.ts',
      "[missing-file] store/ids.ts:2 imports '../errors': errors does not exist",
    ]);
  });
});
