import type { ProviderErrorInfo } from '../../providers/index.ts';

/** Asana's errors are `{ errors: [{ message, help, phrase }] }`; the first message says what went wrong. */
export function asanaApiErrorInfo(body: unknown): ProviderErrorInfo {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const first = Array.isArray(errors) ? (errors[0] as { message?: unknown } | undefined) : undefined;
  return typeof first?.message === 'string' ? { message: first.message } : {};
}
