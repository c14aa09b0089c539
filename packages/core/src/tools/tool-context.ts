import type { ConnectedAccount } from '../accounts/index.ts';
import { OnBehalfError } from '../errors.ts';
import type { Provider } from '../providers/index.ts';
import type { AuthenticatedFetch } from '../api-client/index.ts';
import { providerApiError } from '../api-client/index.ts';
import type { QueryValue, ToolContext, ToolRequestOptions } from './tool-types.ts';

/** `path?a=1` + `{ b: ['x', 'y'] }` → `path?a=1&b=x&b=y`; undefined and null values are left out. */
export function withQuery(pathOrUrl: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const search = params.toString();
  if (search === '') return pathOrUrl;
  return `${pathOrUrl}${pathOrUrl.includes('?') ? '&' : '?'}${search}`;
}

/** The context a tool runs in: the account's authenticated fetch plus a JSON helper over it. */
export function createToolContext(options: {
  account: ConnectedAccount;
  connection: string;
  provider: Provider;
  fetch: AuthenticatedFetch;
  signal: AbortSignal;
}): ToolContext {
  const { account, connection, provider, fetch, signal } = options;

  const boundFetch = (pathOrUrl: string | URL, init: RequestInit & { token?: string } = {}): Promise<Response> =>
    fetch(pathOrUrl, { ...init, signal: init.signal ? AbortSignal.any([signal, init.signal]) : signal });

  async function request<T>(pathOrUrl: string, requestOptions: ToolRequestOptions = {}): Promise<T> {
    const method = (requestOptions.method ?? (requestOptions.body === undefined ? 'GET' : 'POST')).toUpperCase();
    const target = withQuery(pathOrUrl, requestOptions.query);
    const headers: Record<string, string> = { accept: 'application/json', ...requestOptions.headers };
    let body: string | undefined;
    if (requestOptions.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(requestOptions.body);
    }
    const response = await boundFetch(target, { method, headers, ...(body !== undefined ? { body } : {}), ...(requestOptions.token ? { token: requestOptions.token } : {}) });
    const url = new URL(response.url || target, 'http://unknown.invalid');
    if (!response.ok) throw await providerApiError({ provider, response, method, url, redact: fetch.redact });
    const text = await response.text();
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new OnBehalfError('PROVIDER_API_ERROR', `The ${provider.name} API answered ${method} ${url.pathname} with something that is not JSON.`, {
        details: { provider: provider.id, status: response.status, method, path: url.pathname },
      });
    }
  }

  return { fetch: boundFetch, request, redact: fetch.redact, extraToken: (label) => fetch.extraToken(label), account, connection, provider, signal };
}
