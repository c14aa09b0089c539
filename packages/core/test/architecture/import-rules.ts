import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/**
 * The layers of packages/core/src, top to bottom. A unit may import units strictly below its own
 * row (never a sibling in the same row) and any file of its own unit. A unit is a folder directly
 * under src, a provider or family folder under catalog/, or a top-level file.
 */
export const LAYERS: ReadonlyArray<readonly string[]> = [
  ['index.ts'], //                           the package's public exports
  ['create-on-behalf.ts'], //                the composition root
  ['catalog'], //                            the registry of built-in toolkits (catalog/index.ts)
  ['catalog/<provider>'], //                 one folder per provider: provider, tools, toolkit
  ['catalog/<family>'], //                   code shared by a family of providers (catalog/google/)
  ['http'], //                               the web handler: links, callbacks, hosted forms
  ['tools'], //                              tool model, tool service, bindTool, the tools kit
  ['public-api'], //                         ob.accounts and ob.vault.rotate
  ['api-client'], //                         the authenticated provider client
  ['refresh'], //                            refresh coordinator and proactive refresher
  ['oauth'], //                              authorization flow, openid-client configuration
  ['links'], //                              authorization links, returnTo
  ['accounts'], //                           account service, credentials
  ['connections'], //                        connection service
  ['runtime.ts'], //                         what the services share
  ['events.ts'], //                          the event bus
  ['providers'], //                          the provider model
  ['store', 'vault'], //                     storage and encryption, leaves of the engine
  ['account-status.ts', 'errors.ts', 'logger.ts'], // plain values every layer may use
];

/** Family folders under catalog/ (shared code, not providers). */
export const FAMILIES = new Set(['google', 'microsoft', 'atlassian']);

/** Packages product code must never import: they exist for tests only. */
export const TEST_ONLY_PACKAGES = ['vitest', '@vitest/', '@onbehalf/sandbox', '@onbehalf/spec-check', '@onbehalf/e2e', 'yaml', '@notionhq/client', 'supertest', 'playwright-core'];

export interface ImportEdge {
  /** Importing file, relative to src (`tools/create-tools.ts`). */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** The imported file relative to src for relative imports; undefined for packages. */
  to?: string;
}

/** The unit a file belongs to, e.g. `tools`, `catalog/gmail`, `catalog`, `errors.ts`. */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return file;
  if (parts[0] === 'catalog' && parts.length >= 3) return `catalog/${parts[1]}`;
  return parts[0]!;
}

function layerOf(unit: string): number {
  const key = unit.startsWith('catalog/') ? (FAMILIES.has(unit.slice('catalog/'.length)) ? 'catalog/<family>' : 'catalog/<provider>') : unit;
  return LAYERS.findIndex((row) => row.includes(key));
}

const isTestFile = (file: string) => file.endsWith('.test.ts');

/** Every rule broken by the graph, as messages that say what to change. */
export function checkImports(edges: readonly ImportEdge[], units: ReadonlySet<string>, hasIndex: (unit: string) => boolean): string[] {
  const problems: string[] = [];
  for (const unit of units) {
    if (layerOf(unit) < 0) problems.push(`${unit}: not in the declared LAYERS; add it where it belongs`);
    if (!unit.endsWith('.ts') && !hasIndex(unit)) problems.push(`${unit}/: has no index.ts (its only door)`);
  }
  for (const edge of edges) {
    if (isTestFile(edge.from)) continue;
    if (edge.to === undefined) {
      if (TEST_ONLY_PACKAGES.some((p) => edge.specifier === p || edge.specifier.startsWith(p.endsWith('/') ? p : `${p}/`))) {
        problems.push(`${edge.from} imports '${edge.specifier}', a test-only package; product code must not`);
      }
      continue;
    }
    if (edge.to.startsWith('..')) {
      problems.push(`${edge.from} imports '${edge.specifier}', outside src (test code?); product code must not`);
      continue;
    }
    if (isTestFile(edge.to)) {
      problems.push(`${edge.from} imports the test file '${edge.specifier}'`);
      continue;
    }
    const from = unitOf(edge.from);
    const to = unitOf(edge.to);
    if (from === to) continue;
    const [a, b] = [layerOf(from), layerOf(to)];
    if (a >= 0 && b >= 0 && b <= a) {
      problems.push(`${edge.from} imports '${edge.specifier}': ${to} is ${b === a ? 'beside' : 'above'} ${from} in LAYERS (imports go only down)`);
    }
    const door = to.endsWith('.ts') ? to : `${to}/index.ts`;
    if (edge.to !== door) problems.push(`${edge.from} imports '${edge.specifier}' past ${to}'s door; import '${door}' instead`);
  }
  problems.push(...findCycles(edges.filter((e) => e.to !== undefined && !isTestFile(e.from))));
  return [...new Set(problems)];
}

/** File-level import cycles among product files, one message per cycle found. */
export function findCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to!]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === 'open') cycles.push(`import cycle: ${[...stack.slice(stack.indexOf(to)), to].join(' -> ')}`);
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of next.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The import graph of a source folder, type-only imports included (they are dependencies too). */
export function readImportGraph(srcDir: string): { edges: ImportEdge[]; units: Set<string>; files: Set<string> } {
  const edges: ImportEdge[] = [];
  const files = new Set<string>();
  for (const path of tsFiles(srcDir)) {
    const from = relative(srcDir, path);
    files.add(from);
    const { importedFiles } = ts.preProcessFile(readFileSync(path, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, specifier });
        continue;
      }
      const target = normalize(join(dirname(from), specifier));
      edges.push({ from, specifier, to: target });
    }
  }
  const units = new Set([...files].filter((f) => !isTestFile(f)).map(unitOf));
  return { edges, units, files };
}
