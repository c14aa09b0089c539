import { createReplayServer, type ReplayExchange } from '@onbehalf/sandbox';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOnBehalfError } from '../../errors.ts';
import { runTool } from '../../../test/support/run-tool.ts';
import { onedriveToolkit } from './index.ts';

/**
 * Graph answers a file's `/content` with 302 to a short-lived pre-authenticated URL on another
 * host (learn.microsoft.com/graph/api/driveitem-get-content). The token must not follow it; the
 * download itself needs none.
 */
const tool = onedriveToolkit.tools.find((t) => t.name === 'onedrive_get_file')!;
const ID = '01BYE5RZ5MYLM2SMX75ZBIPQZIHT6OAYPB';
const STORAGE = 'https://contoso-my.sharepoint.com/personal/meganb_contoso_com/_layouts/15/download.aspx?UniqueId=5a8ef2d5-6a3b-4f5e-9f67-1f2e3d4c5b6a&tempauth=v1.eyJzaXRlaWQiOiJ4In0';

function exchanges(location: string): ReplayExchange[] {
  return [
    {
      request: { method: 'GET', path: `/me/drive/items/${ID}`, query: { $select: 'id,name,size,file,folder,webUrl,lastModifiedDateTime,parentReference' } },
      response: { status: 200, body: { id: ID, name: 'notes.txt', size: 12, file: { mimeType: 'text/plain' }, parentReference: { path: '/drive/root:' } } },
    },
    { request: { method: 'GET', path: `/me/drive/items/${ID}/content` }, response: { status: 302, headers: { location } } },
  ];
}

describe('onedrive_get_file downloads through the pre-authenticated URL', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => vi.unstubAllGlobals());

  it('follows the 302 without the token and returns the text', async () => {
    const server = await createReplayServer({ exchanges: exchanges(STORAGE), basePath: '/v1.0', authorization: 'Bearer tok-replay' });
    const downloads: Array<{ url: string; authorization: string | null }> = [];
    vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith('https://contoso-my.sharepoint.com/')) return realFetch(input, init);
      downloads.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      return new Response('hello, world', { status: 200, headers: { 'content-type': 'text/plain' } });
    });
    try {
      const output = await runTool({ tool, provider: onedriveToolkit.provider, baseUrl: server.url, input: { id: ID }, accessToken: 'tok-replay', fetch: realFetch });
      expect(server.problems()).toEqual([]);
      expect(output).toMatchObject({ id: ID, name: 'notes.txt', content: 'hello, world' });
      expect(downloads).toEqual([{ url: STORAGE, authorization: null }]);
    } finally {
      await server.close();
    }
  });

  it('refuses a redirect to a plain-http location', async () => {
    const server = await createReplayServer({ exchanges: exchanges('http://evil.example/file'), basePath: '/v1.0', authorization: 'Bearer tok-replay' });
    try {
      const error = await runTool({ tool, provider: onedriveToolkit.provider, baseUrl: server.url, input: { id: ID }, accessToken: 'tok-replay' }).then(() => undefined, (e: unknown) => e);
      expect(isOnBehalfError(error, 'PROVIDER_API_ERROR')).toBe(true);
    } finally {
      await server.close();
    }
  });
});
