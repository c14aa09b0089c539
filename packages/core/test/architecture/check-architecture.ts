import type { ImportEdge, ImportGraph } from './read-import-graph.ts';

/** One row of the declared order. `units` are unit names; `catalog/*` stands for every catalog folder not named in another row. */
export interface Layer {
  units: string[];
  /** What the row is, quoted in failure messages. */
  what: string;
}

export interface ArchitectureRules {
  /** Top to bottom: a unit may import only units in rows strictly below its own. */
  layers: Layer[];
  /** Packages product files may never import (test tooling, dev-only SDKs); subpaths included, `@scope/*` for a whole scope. */
  forbiddenPackages: string[];
}

export type ArchitectureRule =
  | 'layer'
  | 'door'
  | 'test-code'
  | 'forbidden-package'
  | 'outside-root'
  | 'missing-file'
  | 'undeclared-unit'
  | 'missing-door'
  | 'cycle';

export interface ArchitectureViolation {
  rule: ArchitectureRule;
  /** `file:line`, or the folder for a missing door. */
  at: string;
  message: string;
}

/**
 * Checks an import graph (paths relative to packages/core/src) against the declared layers. Pure,
 * so its own tests can feed it synthetic graphs with a known upward import, bypass or cycle.
 * Test files (`*.test.ts`) may reach anywhere and use any package; product files may not import them.
 */
export function checkArchitecture(graph: ImportGraph, rules: ArchitectureRules): ArchitectureViolation[] {
  const files = new Set(graph.files);
  const layerOf = createLayerLookup(rules.layers);
  const violations: ArchitectureViolation[] = [];
  const report = (rule: ArchitectureRule, edge: ImportEdge, message: string) =>
    violations.push({ rule, at: `${edge.from}:${edge.line}`, message: `${edge.from}:${edge.line} imports '${edge.specifier}': ${message}` });

  for (const file of graph.files) {
    if (isProductFile(file) && layerOf(unitOf(file)) === undefined) {
      violations.push({
        rule: 'undeclared-unit',
        at: file,
        message: `${file} belongs to unit '${unitOf(file)}', which is in no layer; declare the unit in the layer order (LAYERS in packages/core/test/architecture/architecture.test.ts).`,
      });
    }
  }

  for (const unit of folderUnits(graph.files)) {
    if (!files.has(doorOf(unit))) {
      violations.push({
        rule: 'missing-door',
        at: `${unit}/`,
        message: `${unit}/ has no index.ts; every unit folder needs an index.ts as its only door (export what other units use from there).`,
      });
    }
  }

  for (const edge of graph.imports) {
    if (!isProductFile(edge.from)) continue;
    if (edge.target === undefined) {
      const name = packageName(edge.specifier);
      if (rules.forbiddenPackages.includes(name) || rules.forbiddenPackages.includes(`${name.split('/')[0]}/*`)) {
        report('forbidden-package', edge, `product code may not import '${name}' (test or dev-only package, not a dependency of the published package); move this code to a test file or a test-only package.`);
      }
      continue;
    }
    const target = edge.target;
    if (target.startsWith('../test/') || target === '../test') {
      report('test-code', edge, `product code may not import test code under packages/core/test; move what it needs into src, or this code into the tests.`);
      continue;
    }
    if (target.startsWith('../')) {
      report('outside-root', edge, `product code may not import files outside packages/core/src (they do not ship); use the package's public name or move the code into src.`);
      continue;
    }
    if (isTestCode(target)) {
      report('test-code', edge, `product code may not import test code (${target} is a test file or fixture); move what it needs into a product file.`);
      continue;
    }
    if (!files.has(target)) {
      report('missing-file', edge, `${target} does not exist; relative imports name the file with its .ts extension (a folder through its index.ts).`);
      continue;
    }
    const fromUnit = unitOf(edge.from);
    const toUnit = unitOf(target);
    if (fromUnit === toUnit) continue;
    if (target !== doorOf(toUnit)) {
      report('door', edge, `${target} is inside unit '${toUnit}'; import it through its door '${doorOf(toUnit)}' (export it from there if it is missing).`);
    }
    const fromLayer = layerOf(fromUnit);
    const toLayer = layerOf(toUnit);
    if (fromLayer === undefined || toLayer === undefined) continue; // reported once per file above
    if (toLayer <= fromLayer) {
      const where = toLayer === fromLayer ? `in the same layer ${fromLayer + 1}` : `in layer ${toLayer + 1} (${rules.layers[toLayer]!.what}), above`;
      report(
        'layer',
        edge,
        `'${fromUnit}' is in layer ${fromLayer + 1} (${rules.layers[fromLayer]!.what}) and '${toUnit}' is ${where}; imports go only down the declared order — move the shared code into a lower unit or pass it in from above.`,
      );
    }
  }

  for (const cycle of findCycles(graph)) {
    violations.push({
      rule: 'cycle',
      at: cycle[0]!,
      message: `import cycle among product files: ${cycle.join(' -> ')}; break it by moving the shared part into a file both can import.`,
    });
  }
  return violations;
}

/** The unit a path (relative to src) belongs to: a top-level file, a top-level folder, `catalog` (its own files) or `catalog/<folder>`. */
export function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts.length === 1) return path;
  if (parts[0] === 'catalog') return parts.length === 2 ? 'catalog' : `catalog/${parts[1]}`;
  return parts[0]!;
}

/** A unit's only door: the file itself for a top-level file, otherwise the folder's index.ts. */
export function doorOf(unit: string): string {
  return unit.endsWith('.ts') ? unit : `${unit}/index.ts`;
}

function isTestFile(path: string): boolean {
  return path.endsWith('.test.ts');
}

/** Test files and fixtures (test data beside the provider they describe). */
function isTestCode(path: string): boolean {
  return isTestFile(path) || path.split('/').includes('fixtures');
}

function isProductFile(path: string): boolean {
  return path.endsWith('.ts') && !isTestCode(path);
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Folders holding product code (a folder of nothing but fixtures or tests needs no door). */
function folderUnits(files: string[]): Set<string> {
  return new Set(files.filter(isProductFile).map(unitOf).filter((unit) => !unit.endsWith('.ts')));
}

function createLayerLookup(layers: Layer[]): (unit: string) => number | undefined {
  const exact = new Map<string, number>();
  const wildcards: { prefix: string; index: number }[] = [];
  layers.forEach((layer, index) => {
    for (const unit of layer.units) {
      if (unit.endsWith('/*')) wildcards.push({ prefix: unit.slice(0, -1), index });
      else exact.set(unit, index);
    }
  });
  return (unit) => exact.get(unit) ?? wildcards.find((w) => unit.startsWith(w.prefix) && !unit.slice(w.prefix.length).includes('/'))?.index;
}

/** One cycle per strongly connected component of the product-file graph (Tarjan), as a path that returns to its start. */
function findCycles(graph: ImportGraph): string[][] {
  const files = new Set(graph.files.filter(isProductFile));
  const next = new Map<string, string[]>([...files].map((file) => [file, []]));
  for (const edge of graph.imports) {
    if (edge.target !== undefined && files.has(edge.from) && files.has(edge.target)) next.get(edge.from)!.push(edge.target);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file)!) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== file);
    if (component.size > 1 || next.get(file)!.includes(file)) cycles.push(cycleThrough(file, component, next));
  };
  for (const file of [...files].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/** The shortest path from `start` back to itself inside its component (breadth first). */
function cycleThrough(start: string, component: Set<string>, next: Map<string, string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of next.get(file)!) {
      if (!component.has(target)) continue;
      if (target === start) {
        const chain: string[] = [];
        for (let at = file; at !== start; at = cameFrom.get(at)!) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
