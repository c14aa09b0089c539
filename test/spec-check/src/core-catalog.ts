import { fileURLToPath } from 'node:url';
import { createSpecChecker } from './create-spec-checker.ts';

/**
 * The catalog the checker's own tests use: core's provider folders, read as files (their
 * `fixtures/api-description.json`), so this package never depends on @onbehalf/core.
 */
export const CORE_CATALOG_DIR = fileURLToPath(new URL('../../../packages/core/src/catalog/', import.meta.url));

export const coreCatalog = createSpecChecker({ catalogDir: CORE_CATALOG_DIR });
