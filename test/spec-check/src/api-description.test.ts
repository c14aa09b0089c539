import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadApiDescription, parseApiDescription, toDescriptionPath, type ApiDescription } from './api-description.ts';
import { CORE_CATALOG_DIR, coreCatalog } from './core-catalog.ts';
import { findSpecsDir } from './load-spec.ts';

describe('API description bindings', () => {
  it('every binding in the catalog parses and names a description that exists', () => {
    const providers = readdirSync(CORE_CATALOG_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const bound = providers.filter((id) => existsSync(join(CORE_CATALOG_DIR, id, 'fixtures', 'api-description.json')));
    expect(bound.sort()).toEqual(expect.arrayContaining(['asana', 'github', 'gmail', 'google_calendar', 'google_drive', 'jira', 'linear', 'monday', 'notion', 'slack', 'vercel']));
    for (const id of bound) {
      const description = loadApiDescription(join(CORE_CATALOG_DIR, id, 'fixtures'))!;
      if (description.format === 'notion-sdk') expect(() => createRequire(import.meta.url).resolve(String(description.file))).not.toThrow();
      else for (const file of [description.file].flat()) expect(existsSync(isAbsolute(file) ? file : join(findSpecsDir(), file)), `${id}: ${file}`).toBe(true);
    }
  });

  it('rejects malformed bindings with what is wrong', () => {
    expect(() => parseApiDescription({ file: './transcribed.json', format: 'openapi', base: 'https://x.example.com' })).toThrow('"transcribedFrom" must name the reference pages');
    expect(() => parseApiDescription({ file: 'x.json', format: 'swagger' }, 'bad.json')).toThrow('bad.json: "format" must be one of discovery, openapi, notion-sdk');
    expect(() => parseApiDescription({ file: 'x.json', format: 'openapi' })).toThrow('"base" is needed for openapi');
    expect(() => parseApiDescription({ format: 'openapi', base: 'http://api.example.com', style: 'soap' })).toThrow(
      'API description: "file" must name a description file; "base" must be https URLs; "style" must be one of rest, rpc, odata',
    );
  });

  it('maps URLs onto description paths through templated bases and path aliases', () => {
    const jira: ApiDescription = { file: 'j.json', format: 'openapi', base: ['https://{site}.atlassian.net', 'https://api.atlassian.com/ex/jira/{cloudId}'] };
    expect(toDescriptionPath(jira, new URL('https://acme.atlassian.net/rest/api/3/issue'))).toEqual({ path: '/rest/api/3/issue' });
    expect(toDescriptionPath(jira, new URL('https://api.atlassian.com/ex/jira/1122-aa/rest/api/3/issue'))).toEqual({ path: '/rest/api/3/issue' });
    expect(toDescriptionPath(jira, new URL('https://a.b.atlassian.net/rest/api/3/issue'))).toEqual({ problem: 'host a.b.atlassian.net is not https://{site}.atlassian.net or https://api.atlassian.com/ex/jira/{cloudId}' });
    expect(toDescriptionPath(jira, new URL('https://api.atlassian.com/ex/confluence/1/wiki'))).toEqual({ problem: 'path /ex/confluence/1/wiki is not under https://{site}.atlassian.net or https://api.atlassian.com/ex/jira/{cloudId}' });
    const graph: ApiDescription = { file: 'g.yml', format: 'openapi', base: 'https://graph.microsoft.com/v1.0', pathAliases: { '/me': '/users/me' } };
    expect(toDescriptionPath(graph, new URL('https://graph.microsoft.com/v1.0/me/messages'))).toEqual({ path: '/users/me/messages' });
    expect(toDescriptionPath(graph, new URL('https://graph.microsoft.com/v1.0/me'))).toEqual({ path: '/users/me' });
    expect(toDescriptionPath(graph, new URL('https://graph.microsoft.com/v1.0/messages'))).toEqual({ path: '/messages' });
    expect(toDescriptionPath(graph, new URL('https://graph.microsoft.com/v1.01/me'))).toEqual({ problem: 'path /v1.01/me is not under https://graph.microsoft.com/v1.0' });
  });

  it('a provider without a binding fails its check instead of passing unchecked', () => {
    expect(coreCatalog.description('unbound')).toBeUndefined();
    expect(coreCatalog.check('unbound', { method: 'POST', url: 'https://api.linear.app/graphql' })).toEqual({
      ok: false, problems: [`provider "unbound" has no fixtures/api-description.json in ${CORE_CATALOG_DIR}`],
    });
    expect(coreCatalog.check('../gmail', { method: 'GET', url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile' }).ok).toBe(false);
    expect(coreCatalog.check('vercel', { method: 'GET', url: 'https://api.vercel.com/v2/user' })).toMatchObject({ ok: true, problems: [] });
  });
});
