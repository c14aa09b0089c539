import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG_END, CATALOG_START, renderCatalogTable } from '../../test/support/catalog-table.ts';
import { builtInToolkits } from './index.ts';

const README = fileURLToPath(new URL('../../../../README.md', import.meta.url));

/**
 * The README's provider table is the catalog as it is: auth methods, registration, scopes and
 * tools of every built-in provider, rendered from the definitions so it cannot drift from them.
 */
describe('the README provider table', () => {
  it('is the one the catalog renders (run with UPDATE_CATALOG_TABLE=1 to rewrite it)', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf('<!-- catalog-table:start');
    const end = readme.indexOf(CATALOG_END);
    expect(start, 'README has the catalog table markers').toBeGreaterThan(-1);
    const current = readme.slice(start, end + CATALOG_END.length);
    const rendered = renderCatalogTable(builtInToolkits);
    if (process.env.UPDATE_CATALOG_TABLE === '1' && current !== rendered) writeFileSync(README, readme.replace(current, rendered));
    else expect(current).toBe(rendered);
  });

  it('names every provider with at least three tools', () => {
    for (const { provider, tools } of builtInToolkits) expect(tools.length, provider.id).toBeGreaterThanOrEqual(3);
  });
});
