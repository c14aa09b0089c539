import { createServer, IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { connect, Socket, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { handleNodeRequest, toWebRequest, writeWebResponse } from './node-bridge.ts';

/** One real node:http round trip: the bridge turns the Node request into a web Request, then writes `answer` back. */
async function roundTrip(
  send: (origin: string) => Promise<Response>,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Response> {
  const server = createServer((req, res) => void handle(req, res).catch((error) => res.writeHead(500).end(String(error))));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await send(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the Node request/response bridge', () => {
  it('passes method, path, query, repeated headers and an unread body stream through', async () => {
    let seen: { method: string; url: string; cookie: string | null; type: string | null; body: string } | undefined;
    await roundTrip(
      (origin) => fetch(`${origin}/mount/authorize/abc?x=1`, { method: 'POST', headers: { cookie: 'a=1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'apiKey=k%201' }),
      async (req, res) => {
        const request = toWebRequest(req, { url: req.url! });
        seen = { method: request.method, url: request.url, cookie: request.headers.get('cookie'), type: request.headers.get('content-type'), body: await request.text() };
        res.end();
      },
    );
    expect(seen).toEqual({ method: 'POST', url: 'http://onbehalf.invalid/mount/authorize/abc?x=1', cookie: 'a=1', type: 'application/x-www-form-urlencoded', body: 'apiKey=k%201' });
  });

  it('keeps only the path and query of a request target, whatever its form', async () => {
    /** Request targets fetch cannot send: absolute-form with credentials, a path that starts with //. */
    const targets = ['http://user:pass@app.test/mount/authorize/abc?x=1', 'http://app@.test/mount/callback/demo', '//evil.example/mount/authorize/abc', '*'];
    const seen: string[] = [];
    for (const target of targets) {
      await roundTrip(
        (origin) => new Promise<Response>((resolve) => {
          const socket = connect(Number(new URL(origin).port), '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n`));
          socket.on('data', () => {}).on('close', () => resolve(new Response(null)));
        }),
        async (req, res) => {
          seen.push(toWebRequest(req, { url: req.url! }).url);
          res.end();
        },
      );
    }
    expect(seen).toEqual([
      'http://onbehalf.invalid/mount/authorize/abc?x=1',
      'http://onbehalf.invalid/mount/callback/demo',
      'http://onbehalf.invalid//evil.example/mount/authorize/abc',
      'http://onbehalf.invalid/',
    ]);
  });

  it('re-encodes what a body parser consumed as a form, and ignores a body on GET', async () => {
    const bodies: string[] = [];
    await roundTrip(
      (origin) => fetch(`${origin}/f`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"1","b":["x","y"],"n":2}' }),
      async (req, res) => {
        let text = '';
        for await (const chunk of req) text += chunk;
        const request = toWebRequest(req, { url: req.url!, parsedBody: JSON.parse(text) });
        expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
        bodies.push(await request.text());
        res.end();
      },
    );
    await roundTrip(
      (origin) => fetch(`${origin}/g`),
      async (req, res) => {
        expect(toWebRequest(req, { url: req.url!, parsedBody: { a: '1' } }).body).toBeNull();
        res.end();
      },
    );
    expect(bodies).toEqual(['a=1&b=x&b=y']);
  });

  it('writes status and headers, appends every cookie, and returns the body', async () => {
    const response = await roundTrip(
      (origin) => fetch(`${origin}/`, { redirect: 'manual' }),
      async (_req, res) => {
        res.setHeader('Set-Cookie', ['app=1']);
        const answer = new Response('moved', { status: 302, headers: [['location', '/next'], ['set-cookie', 'ob_tx_a=1; Path=/'], ['set-cookie', 'ob_tx_b=2; Path=/']] });
        const body = await writeWebResponse(answer, {
          status: (code) => void (res.statusCode = code),
          header: (name, value) => void res.setHeader(name, value),
          cookies: (values) => void res.setHeader('Set-Cookie', [...(res.getHeader('Set-Cookie') as string[]), ...values]),
        });
        res.end(body);
      },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/next');
    expect(response.headers.getSetCookie()).toEqual(['app=1', 'ob_tx_a=1; Path=/', 'ob_tx_b=2; Path=/']);
    expect(await response.text()).toBe('moved');
  });

  it('answers 405 with Allow to a method no web Request can carry, without calling the handler', async () => {
    let called = false;
    const handler = { handler: async () => ((called = true), new Response('ok')) };
    // fetch refuses to send TRACE itself, so it goes out through node:http.
    const trace = await roundTrip(
      (origin) => new Promise<Response>((resolve, reject) => {
        httpRequest(`${origin}/mount/authorize/abc`, { method: 'TRACE' }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode!, headers: { allow: String(res.headers.allow) } })));
        }).on('error', reject).end();
      }),
      async (req, res) => {
        const response = await handleNodeRequest(handler, req, { url: req.url! });
        res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
      },
    );
    expect(trace.status).toBe(405);
    expect(trace.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await trace.text()).toContain('Method not allowed');
    // Node itself answers TRACK with 400 and drops CONNECT without a 'connect' listener; an app
    // that hands such a request on anyway still gets a 405.
    for (const method of ['CONNECT', 'TRACK', 'trace']) {
      const req = new IncomingMessage(new Socket());
      req.method = method;
      expect((await handleNodeRequest(handler, req, { url: '/mount/authorize/abc' })).status).toBe(405);
    }
    expect(called).toBe(false);
  });
});
