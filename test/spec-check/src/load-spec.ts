import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds `shared/specs`: the repository is cloned with `shared/` beside it
 * (`<somewhere>/repo` and `<somewhere>/shared`), so walk up from this file and look for a
 * `shared/specs` sibling at each level. `ONBEHALF_SPECS_DIR` overrides the search.
 */
export function findSpecsDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  const override = process.env.ONBEHALF_SPECS_DIR;
  if (override) return resolve(override);
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'shared', 'specs');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no shared/specs directory found above ${from}; set ONBEHALF_SPECS_DIR`);
    dir = parent;
  }
}

const cache = new Map<string, unknown>();

/**
 * A YAML description parsed once per content, kept as JSON beside the OS temp files: the Graph
 * files take seconds to parse as YAML (Files.yml alone over one) and a few milliseconds as JSON,
 * and every test process would otherwise parse them again. Keyed by the file's hash, so an edited
 * description is parsed afresh; a cache that cannot be written only costs the parse.
 */
function parseYaml(file: string, text: string): unknown {
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cached = join(process.env.ONBEHALF_SPEC_CACHE_DIR ?? join(tmpdir(), 'onbehalf-spec-check'), `${basename(file)}.${hash}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // not cached yet (or unreadable): parse below
  }
  // `yaml` is loaded only when a YAML description is asked for (the JSON ones are most).
  const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const parsed: unknown = yaml.parse(text, { maxAliasCount: -1 });
  try {
    mkdirSync(dirname(cached), { recursive: true });
    // Written aside and renamed, so a process reading concurrently never sees half a file.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(parsed));
    renameSync(partial, cached);
  } catch {
    // read-only temp directory: the next process parses again
  }
  return parsed;
}

/** Parses a spec file once per process (the GitHub description alone is 13 MB); an absolute path is a file outside shared/specs. */
export function loadSpecFile(file: string): unknown {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const text = readFileSync(isAbsolute(file) ? file : join(findSpecsDir(), file), 'utf8');
  let parsed: unknown;
  if (/\.ya?ml$/i.test(file)) {
    parsed = parseYaml(file, text);
  } else {
    parsed = JSON.parse(text);
  }
  cache.set(file, parsed);
  return parsed;
}
