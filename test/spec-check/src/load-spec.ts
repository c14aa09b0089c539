import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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

/** Parses a spec file once per process (the GitHub description alone is 13 MB). */
export function loadSpecFile(file: string): unknown {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const text = readFileSync(join(findSpecsDir(), file), 'utf8');
  let parsed: unknown;
  if (/\.ya?ml$/i.test(file)) {
    // `yaml` is loaded only when a YAML description is asked for (the JSON ones are most).
    const yaml = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    parsed = yaml.parse(text, { maxAliasCount: -1 });
  } else {
    parsed = JSON.parse(text);
  }
  cache.set(file, parsed);
  return parsed;
}
