import { readdirSync, readFileSync } from 'node:fs';
import { posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import statement of one file: `from` and `target` are paths relative to the scanned root. */
export interface ImportEdge {
  from: string;
  specifier: string;
  /** 1-based line of the specifier, so a failure message can point at it. */
  line: number;
  /** Where a relative specifier points (normalised, may start with `../` when it leaves the root); absent for packages. */
  target?: string;
}

/** Every file under the root (any extension, so imports of missing files are caught) and every import of its `.ts` files. */
export interface ImportGraph {
  files: string[];
  imports: ImportEdge[];
}

export interface ReadImportGraphOptions {
  /** The folder to scan, e.g. packages/core/src. */
  root: string;
}

/**
 * Reads the import graph of a source tree with the TypeScript scanner (`ts.preProcessFile`), which
 * sees static imports and re-exports, `import type`, side-effect imports and `import('…')` alike —
 * a type-only import is a dependency too — and skips comments and strings that merely mention one.
 */
export function readImportGraph(options: ReadImportGraphOptions): ImportGraph {
  const files = listFiles(options.root);
  const imports: ImportEdge[] = [];
  for (const file of files) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(`${options.root}/${file}`, 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    for (const imported of importedFiles) {
      const line = text.slice(0, imported.pos).split('\n').length;
      const edge: ImportEdge = { from: file, specifier: imported.fileName, line };
      if (imported.fileName.startsWith('.')) edge.target = posix.normalize(posix.join(posix.dirname(file), imported.fileName));
      imports.push(edge);
    }
  }
  return { files, imports };
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, `${entry.parentPath}/${entry.name}`).split(sep).join('/'))
    .sort();
}
