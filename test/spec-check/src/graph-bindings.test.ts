import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreCatalog } from './core-catalog.ts';
import { loadSpecFile } from './load-spec.ts';

/** The Microsoft Graph bindings of the catalog's Microsoft providers, and what the checker does for them. */
const GRAPH = 'https://graph.microsoft.com/v1.0';

describe('Microsoft Graph bindings', () => {
  it('checks a request against whichever of several description files defines its operation', () => {
    // Outlook's binding names Mail.yml (messages) and Users.Actions.yml (sendMail, reply).
    expect(coreCatalog.check('outlook', { method: 'GET', url: `${GRAPH}/me/messages?$top=5&$select=id,subject` })).toMatchObject({ ok: true, operation: 'user_ListMessage' });
    expect(coreCatalog.check('outlook', { method: 'POST', url: `${GRAPH}/me/messages/AAMk%3D/reply`, body: { comment: 'Thanks' } })).toMatchObject({ ok: true, operation: expect.stringMatching(/reply$/) });
    // Neither file has it: the first file's reason is given.
    expect(coreCatalog.check('outlook', { method: 'GET', url: `${GRAPH}/me/nothing` })).toEqual({ ok: false, problems: ['no operation in the spec matches path /users/me/nothing'] });
    // A field that exists in neither still fails in the file that defines the operation.
    expect(coreCatalog.check('outlook', { method: 'POST', url: `${GRAPH}/me/messages/AAMk%3D/reply`, body: { commment: 'x' } }).problems).toEqual([expect.stringContaining('unknown body field "commment"')]);
  });

  it('reads OneDrive path addressing as one drive item, and /me/drive as the user\'s drive', () => {
    expect(coreCatalog.check('onedrive', { method: 'PUT', url: `${GRAPH}/me/drive/root:/notes.md:/content?@microsoft.graph.conflictBehavior=fail`, body: '# x', contentType: 'text/markdown' })).toMatchObject({ ok: true });
    expect(coreCatalog.check('onedrive', { method: 'PUT', url: `${GRAPH}/me/drive/items/01ABC:/q3.csv:/content`, body: 'a,b', contentType: 'text/csv' })).toMatchObject({ ok: true });
    expect(coreCatalog.check('onedrive', { method: 'GET', url: `${GRAPH}/me/drive/root/search(q='budget')?$top=5` })).toMatchObject({ ok: true });
    // The annotation is allowed; an unknown plain parameter is not.
    expect(coreCatalog.check('onedrive', { method: 'GET', url: `${GRAPH}/me/drive/root/children?conflictBehavior=fail` }).ok).toBe(false);
    // Path addressing does not make up operations: a DELETE of content is still unknown.
    expect(coreCatalog.check('onedrive', { method: 'POST', url: `${GRAPH}/me/drive/root:/notes.md:/content`, body: 'x' }).ok).toBe(false);
  });

  it('keeps a parsed YAML description as JSON keyed by its content, for the next process', () => {
    const specs = mkdtempSync(join(tmpdir(), 'specs-'));
    const cache = mkdtempSync(join(tmpdir(), 'spec-cache-'));
    const saved = { specs: process.env.ONBEHALF_SPECS_DIR, cache: process.env.ONBEHALF_SPEC_CACHE_DIR };
    process.env.ONBEHALF_SPECS_DIR = specs;
    process.env.ONBEHALF_SPEC_CACHE_DIR = cache;
    try {
      writeFileSync(join(specs, 'README.md'), 'test specs');
      writeFileSync(join(specs, 'tiny-a.yml'), 'openapi: 3.0.1\npaths:\n  /things:\n    get:\n      operationId: listThings\n');
      expect(loadSpecFile('tiny-a.yml')).toEqual({ openapi: '3.0.1', paths: { '/things': { get: { operationId: 'listThings' } } } });
      const [cached] = readdirSync(cache);
      expect(cached).toMatch(/^tiny-a\.yml\.[0-9a-f]{16}\.json$/);
      expect(JSON.parse(readFileSync(join(cache, cached!), 'utf8'))).toEqual({ openapi: '3.0.1', paths: { '/things': { get: { operationId: 'listThings' } } } });
      // Another file (or an edited one) gets its own entry: the key is the content's hash.
      writeFileSync(join(specs, 'tiny-b.yml'), 'openapi: 3.0.1\npaths: {}\n');
      loadSpecFile('tiny-b.yml');
      expect(readdirSync(cache)).toHaveLength(2);
    } finally {
      for (const [name, value] of [['ONBEHALF_SPECS_DIR', saved.specs], ['ONBEHALF_SPEC_CACHE_DIR', saved.cache]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(specs, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
