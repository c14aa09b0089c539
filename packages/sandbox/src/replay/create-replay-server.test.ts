import { afterEach, describe, expect, it } from 'vitest';
import { createReplayServer, REPLAY_MISMATCH_STATUS, type ReplayServer, type ReplayServerOptions } from './index.ts';

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: ReplayServerOptions): Promise<ReplayServer> {
  const server = await createReplayServer(options);
  servers.push(server);
  return server;
}

async function send(server: ReplayServer, method: string, path: string, init: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string>; auth?: string | null } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.auth !== null) headers.authorization = init.auth ?? 'Bearer tok';
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  }
  const response = await fetch(`${server.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), json: text ? JSON.parse(text) : undefined };
}

describe('createReplayServer', () => {
  it('answers recorded exchanges in order and records what it received', async () => {
    const server = await start({
      basePath: '/api/',
      exchanges: [
        { request: { method: 'GET', path: '/conversations.list', query: { limit: '2', types: 'public_channel' } }, response: { body: { ok: true, channels: [] } } },
        { request: { method: 'POST', path: '/chat.postMessage', body: { channel: 'C1', text: 'Hi' } }, response: { status: 201, headers: { 'x-slack-req-id': 'r1' }, body: { ok: true, ts: '1.2' } } },
        { request: { method: 'POST', path: '/oauth.v2.access', form: { code: 'c' } }, response: { status: 204 } },
      ],
    });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(await send(server, 'GET', '/conversations.list?limit=2&types=public_channel')).toEqual({ status: 200, type: 'application/json; charset=utf-8', json: { ok: true, channels: [] } });
    expect(await send(server, 'POST', '/chat.postMessage', { json: { text: 'Hi', channel: 'C1' } })).toMatchObject({ status: 201, json: { ok: true, ts: '1.2' } });
    expect(await send(server, 'POST', '/oauth.v2.access', { form: { code: 'c' } })).toEqual({ status: 204, type: null, json: undefined });
    expect(server.problems()).toEqual([]);
    expect(server.received.map((r) => [r.method, r.path, r.search, r.exchange])).toEqual([
      ['GET', '/conversations.list', '?limit=2&types=public_channel', 1],
      ['POST', '/chat.postMessage', '', 2],
      ['POST', '/oauth.v2.access', '', 3],
    ]);
    expect(server.received[1]).toMatchObject({ contentType: 'application/json; charset=utf-8', body: { text: 'Hi', channel: 'C1' } });
    expect(server.received[2]?.body).toEqual({ code: 'c' });
  });

  it('answers a mismatch with 599 and a readable description of every difference', async () => {
    const server = await start({
      exchanges: [{ request: { method: 'GET', path: '/user/repos', query: { sort: 'updated', per_page: '10' }, headers: { 'x-github-api-version': '2022-11-28' } }, response: { body: [] } }],
    });
    const answer = await send(server, 'POST', '/user/repos?sort=created&page=2', { json: { a: 1 } });
    expect(answer.status).toBe(REPLAY_MISMATCH_STATUS);
    expect(answer.json.error).toBe('replay_mismatch');
    const description = 'request #1 POST /user/repos?sort=created&page=2 does not match recorded exchange #1 (GET /user/repos): method is POST, expected GET; '
      + 'query parameter "sort" is "created", expected "updated"; query parameter "per_page" is missing (expected "10"); query parameter "page" was not expected (got "2"); '
      + 'header x-github-api-version is missing (expected "2022-11-28"); a body was sent ({"a":1}), expected none';
    expect(answer.json.message).toBe(description);
    expect(server.mismatches).toEqual([description]);
    expect(server.received[0]?.exchange).toBeUndefined();
  });

  it('flags body differences at any depth, a wrong content type, a missing Authorization header, extra and missing requests', async () => {
    const server = await start({
      exchanges: [
        { request: { method: 'POST', path: '/v1/pages', body: { parent: { page_id: 'p' }, children: [{ type: 'paragraph' }] } }, response: { body: { id: 'x' } } },
        { request: { method: 'POST', path: '/v1/search', body: { query: 'q' } }, response: { body: {} } },
        { request: { method: 'POST', path: '/form', form: { a: '1' } }, response: { body: {} } },
        { request: { method: 'GET', path: '/never' }, response: { body: {} } },
      ],
    });
    await send(server, 'POST', '/v1/pages', { json: { parent: { database_id: 'p' }, children: [{ type: 'heading' }, { type: 'x' }] } });
    await send(server, 'POST', '/v1/search', { json: { query: 'q' }, auth: null });
    await send(server, 'POST', '/form', { json: { a: '1' } });
    await send(server, 'GET', '/never');
    expect((await send(server, 'GET', '/extra')).status).toBe(599);
    expect(server.problems()).toEqual([
      'request #1 POST /v1/pages does not match recorded exchange #1 (POST /v1/pages): body.parent.page_id is missing (expected "p"); body.parent.database_id was not expected (got "p"); '
        + 'body.children has 2 items, expected 1: [{"type":"heading"},{"type":"x"}]; body.children[0].type is "heading", expected "paragraph"',
      'request #2 POST /v1/search does not match recorded exchange #2 (POST /v1/search): the Authorization header is missing',
      'request #3 POST /form does not match recorded exchange #3 (POST /form): the body is sent as "application/json; charset=utf-8", expected application/x-www-form-urlencoded',
      'request #5 GET /extra was not expected: all 4 recorded exchanges were already answered',
    ]);
  });

  it('reports recorded exchanges that were never requested, and requests outside the base path', async () => {
    const server = await start({ basePath: '/api', exchanges: [{ request: { method: 'GET', path: '/auth.test' }, response: { body: { ok: true } } }] });
    const response = await fetch(server.url.replace(/\/api$/, '/auth.test'), { headers: { authorization: 'Bearer t' } });
    expect(response.status).toBe(599);
    expect(server.problems()).toEqual([
      'request #1 GET /auth.test is not under the API base path /api',
      'recorded exchange #1 (GET /auth.test) was never requested',
    ]);
  });

  it('checks the exact Authorization value when given one', async () => {
    const server = await start({ authorization: 'Bearer right', exchanges: [{ request: { method: 'GET', path: '/a' }, response: { body: {} } }] });
    await send(server, 'GET', '/a', { auth: 'Bearer wrong' });
    expect(server.mismatches).toEqual(['request #1 GET /a does not match recorded exchange #1 (GET /a): the Authorization header is "Bearer wrong", expected "Bearer right"']);
  });

  it('matchers: any, date-time and base64url, in queries, bodies and headers', async () => {
    const raw = Buffer.from('To: bob@example.com\r\n\r\nHi', 'utf8').toString('base64url');
    const server = await start({
      exchanges: [
        {
          request: {
            method: 'GET', path: '/events', query: { timeMin: { $match: 'date-time' }, pageToken: { $match: 'any' }, ids: ['a', 'b'] },
            headers: { 'x-request-id': { $match: 'any' } },
          },
          response: { body: {} },
        },
        { request: { method: 'POST', path: '/send', body: { raw: { $match: 'base64url', text: 'To: bob@example.com\r\n\r\nHi' }, id: { $match: 'any' } } }, response: { body: {} } },
        { request: { method: 'GET', path: '/events', query: { timeMin: { $match: 'date-time' } } }, response: { body: {} } },
        { request: { method: 'POST', path: '/send', body: { raw: { $match: 'base64url', text: 'Hi' } } }, response: { body: {} } },
      ],
    });
    expect((await send(server, 'GET', '/events?timeMin=2025-03-12T10%3A00%3A00.123Z&pageToken=xyz&ids=a&ids=b', { headers: { 'x-request-id': '7' } })).status).toBe(200);
    expect((await send(server, 'POST', '/send', { json: { raw, id: 42 } })).status).toBe(200);
    expect((await send(server, 'GET', '/events?timeMin=2025-03-12')).status).toBe(599);
    expect((await send(server, 'POST', '/send', { json: { raw: `${raw}=` } })).status).toBe(599);
    expect(server.mismatches).toEqual([
      'request #3 GET /events?timeMin=2025-03-12 does not match recorded exchange #3 (GET /events): query parameter "timeMin" is "2025-03-12", expected an RFC 3339 date-time with an offset',
      `request #4 POST /send does not match recorded exchange #4 (POST /send): body.raw is not base64url: "${raw}="`,
    ]);
  });

  it('answers unordered neighbours in whatever order they arrive, but keeps the order around them', async () => {
    const get = (id: string) => ({ request: { method: 'GET', path: `/messages/${id}` }, response: { body: { id } }, unordered: true });
    const server = await start({
      exchanges: [
        { request: { method: 'GET', path: '/messages' }, response: { body: { messages: ['a', 'b', 'c'] } } },
        get('a'), get('b'), get('c'),
        { request: { method: 'POST', path: '/done' }, response: { body: {} } },
      ],
    });
    await send(server, 'GET', '/messages');
    const answers = await Promise.all(['c', 'a', 'b'].map((id) => send(server, 'GET', `/messages/${id}`)));
    expect(answers.map((a) => a.json.id)).toEqual(['c', 'a', 'b']);
    await send(server, 'POST', '/done');
    expect(server.problems()).toEqual([]);

    const strict = await start({ exchanges: [get('a'), { request: { method: 'GET', path: '/messages/b' }, response: { body: {} } }] });
    await send(strict, 'GET', '/messages/b');
    expect(strict.mismatches).toEqual(['request #1 GET /messages/b does not match recorded exchange #1 (GET /messages/a): path is /messages/b, expected /messages/a']);
  });

  it('rejects a body that claims to be JSON but is not', async () => {
    const server = await start({ exchanges: [{ request: { method: 'POST', path: '/x', body: {} }, response: { body: {} } }] });
    const response = await fetch(`${server.url}/x`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: '{nope' });
    expect(response.status).toBe(599);
    expect(server.mismatches).toEqual(['request #1 POST /x does not match recorded exchange #1 (POST /x): body is "{nope", expected an object; the body is sent as application/json but is not JSON: "{nope"']);
  });
});
