import { OnBehalfError } from '../errors.ts';
import type { Provider } from '../providers/provider-types.ts';

const MAX_MESSAGE = 300;
const MAX_BODY_READ = 64 * 1024;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The provider's own error message and code from the error bodies the catalog's APIs send:
 * Google `{ error: { message, status, errors: [{ reason }] } }`, GitHub `{ message }`, Slack
 * `{ ok: false, error }`, Notion `{ code, message }`, OAuth-style `{ error, error_description }`.
 */
export function providerErrorInfo(body: unknown): { message?: string; code?: string } {
  if (!isRecord(body)) return {};
  const nested = isRecord(body.error) ? body.error : undefined;
  const firstError = Array.isArray(nested?.errors) && isRecord(nested.errors[0]) ? nested.errors[0] : undefined;
  const message = str(nested?.message) ?? str(body.message) ?? str(body.error_description);
  const code = str(body.code) ?? str(nested?.status) ?? str(firstError?.reason) ?? str(body.error);
  return { ...(message ? { message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message } : {}), ...(code ? { code } : {}) };
}

/** Reads at most 64 KiB of an error answer as JSON; anything else (an HTML page) yields undefined. */
async function readErrorBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  try {
    const text = await response.text();
    return JSON.parse(text.length > MAX_BODY_READ ? text.slice(0, MAX_BODY_READ) : text);
  } catch {
    return undefined;
  }
}

/**
 * `PROVIDER_API_ERROR` for a non-2xx answer: the status, the method and path (never the query,
 * which may carry an API key) and the provider's own message and code — not the body.
 */
export async function providerApiError(options: {
  provider: Provider;
  response: Response;
  method: string;
  url: URL;
  redact?: (text: string) => string;
}): Promise<OnBehalfError> {
  const { provider, response, method, url } = options;
  const info = providerErrorInfo(await readErrorBody(response));
  return providerError({ provider, status: response.status, method, path: url.pathname, ...info, redact: options.redact });
}

export function providerError(options: {
  provider: Provider;
  status: number;
  method: string;
  path: string;
  message?: string;
  code?: string;
  redact?: ((text: string) => string) | undefined;
}): OnBehalfError {
  const { provider, status, method, path, code } = options;
  const redact = options.redact ?? ((text: string) => text);
  const said = [options.message, code && code !== options.message ? `(${code})` : undefined].filter(Boolean).join(' ');
  const message = redact(`The ${provider.name} API answered ${status} to ${method} ${path}${said ? `: ${said}` : ''}.`);
  return new OnBehalfError('PROVIDER_API_ERROR', message, {
    retryable: status === 429 || status >= 500,
    details: { provider: provider.id, status, method, path, ...(code ? { providerCode: redact(code) } : {}), ...(options.message ? { providerMessage: redact(options.message) } : {}) },
  });
}
