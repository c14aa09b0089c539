import type { ProviderErrorInfo } from '../../providers/index.ts';

/**
 * GitHub's REST errors are `{ message, documentation_url, errors?: [{ resource, field, code }] }`:
 * the message, and the first validation error's code (`missing_field`, `already_exists`) when there.
 */
export function githubApiErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const { message, errors } = body as { message?: unknown; errors?: unknown };
  const first = Array.isArray(errors) && typeof errors[0] === 'object' && errors[0] !== null ? (errors[0] as { code?: unknown }) : undefined;
  return {
    ...(typeof message === 'string' ? { message } : {}),
    ...(typeof first?.code === 'string' ? { code: first.code } : {}),
  };
}
