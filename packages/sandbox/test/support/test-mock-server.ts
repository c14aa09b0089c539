import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockApis, type CreateMockApisOptions } from '../../src/create-mock-apis.ts';

/** A fake token verifier for tests: `tok-alice` → subject `alice`, anything else is invalid. */
export async function fakeVerifyAccessToken(token: string) {
  const match = /^tok-([a-z0-9._@-]+)$/.exec(token);
  return match ? { sub: match[1] as string, clientId: 'test-client', scopes: ['openid'] } : undefined;
}

/** Starts the mocks on 127.0.0.1:0; `call()` sends JSON (or form fields) with a bearer token. */
export async function startTestMockServer(options: Partial<CreateMockApisOptions> = {}) {
  const mock = createMockApis({
    verifyAccessToken: fakeVerifyAccessToken,
    seed: 'test-seed',
    now: () => new Date('2025-03-12T15:00:00Z'),
    ...options,
  });
  const server = createServer((req, res) => void mock.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(method: string, path: string, init: { token?: string | null; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { 'user-agent': 'onbehalf-tests', ...init.headers };
    const token = init.token === undefined ? 'tok-alice' : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(init.body);
    }
    const response = await fetch(`${origin}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  return {
    origin,
    mock,
    call,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
