import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApis, type MockApiName } from '@onbehalf/sandbox';
import { describe, expect, it } from 'vitest';
import { coreCatalog } from './core-catalog.ts';

/** The catalog provider each mock stands for. */
const PROVIDER_FOR: Partial<Record<MockApiName, string>> = { gmail: 'gmail', google_calendar: 'google_calendar', google_drive: 'google_drive', slack: 'slack', github: 'github', notion: 'notion' };

/**
 * The sandbox mocks record each call with the real provider URL it stands for; typical tool calls
 * made against the mocks must also be valid against the official descriptions.
 */
describe('requests made against the sandbox mocks', () => {
  it('are valid requests for the real APIs', async () => {
    const mock = createMockApis({ verifyAccessToken: async (token) => (token === 't' ? { sub: 'alice', clientId: 'c', scopes: [] } : undefined) });
    const server = createServer((req, res) => void mock.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const init: RequestInit = { method, headers: { authorization: 'Bearer t', 'user-agent': 'spec-check', ...headers } };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] = 'application/json';
      }
      const response = await fetch(`${origin}${path}`, init);
      return response.json() as Promise<any>;
    };
    try {
      const list = await call('GET', '/gmail/v1/users/me/messages?q=is%3Aunread&maxResults=5');
      await call('GET', `/gmail/v1/users/me/messages/${list.messages[0].id}?format=metadata&metadataHeaders=From&metadataHeaders=Subject`);
      await call('POST', '/gmail/v1/users/me/messages/send', { raw: Buffer.from('To: bob@example.com\r\nSubject: Hi\r\n\r\nHello').toString('base64url') });
      await call('GET', '/calendar/v3/calendars/primary/events?timeMin=2025-03-12T00%3A00%3A00Z&singleEvents=true&orderBy=startTime&maxResults=10');
      await call('POST', '/calendar/v3/calendars/primary/events', { summary: 'Sync', start: { dateTime: '2030-01-01T10:00:00Z' }, end: { dateTime: '2030-01-01T10:30:00Z' }, attendees: [{ email: 'bob@example.com' }] });
      await call('POST', '/slack/api/chat.postMessage', { channel: '#general', text: 'Hello' });
      await call('GET', '/slack/api/conversations.list?types=public_channel&limit=100&exclude_archived=true');
      await call('GET', '/github/user/repos?sort=updated&per_page=10');
      await call('GET', '/github/repos/acme/platform/issues?state=open&per_page=5');
      await call('POST', '/github/repos/acme/platform/issues', { title: 'From the agent', body: 'Details', labels: ['bug'] });
      await call('POST', '/notion/v1/search', { query: 'roadmap', filter: { property: 'object', value: 'page' } }, { 'notion-version': '2022-06-28' });

      expect(mock.requests.every((r) => r.status < 300)).toBe(true);
      for (const r of mock.requests) {
        const result = coreCatalog.check(PROVIDER_FOR[r.api] ?? r.api, { method: r.method, url: r.url, body: r.body });
        expect({ url: r.url, ...result }).toMatchObject({ url: r.url, ok: true, problems: [] });
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
