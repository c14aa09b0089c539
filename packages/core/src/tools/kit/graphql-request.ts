import { providerError } from '../../api-client/index.ts';
import type { ProviderErrorInfo } from '../../providers/index.ts';
import type { ToolContext } from '../tool-types.ts';

/** One entry of a GraphQL `errors` array: Linear puts its code in `extensions.code`, monday too (or `extensions.error_code`). */
interface GraphqlError {
  message?: unknown;
  extensions?: { code?: unknown; error_code?: unknown; userPresentableMessage?: unknown } | null;
}

/**
 * The provider's own message and code from a GraphQL error body `{ errors: [{ message, extensions }] }`,
 * as both Linear and monday.com send it (with HTTP 200 or 4xx). Linear's `userPresentableMessage`
 * is the one written for people, so it wins when present.
 */
export function graphqlErrorInfo(body: unknown): ProviderErrorInfo {
  const first = (body as { errors?: unknown } | null)?.errors;
  const error = Array.isArray(first) ? (first[0] as GraphqlError | undefined) : undefined;
  if (!error || typeof error !== 'object') {
    // monday.com's older error shape: `{ error_message, error_code }`.
    const { error_message, error_code } = (body ?? {}) as { error_message?: unknown; error_code?: unknown };
    return { ...(typeof error_message === 'string' ? { message: error_message } : {}), ...(typeof error_code === 'string' ? { code: error_code } : {}) };
  }
  const friendly = error.extensions?.userPresentableMessage;
  const message = typeof friendly === 'string' ? friendly : typeof error.message === 'string' ? error.message : undefined;
  const code = error.extensions?.code ?? error.extensions?.error_code;
  return { ...(message ? { message } : {}), ...(typeof code === 'string' ? { code } : {}) };
}

export interface GraphqlRequestOptions {
  /** Path of the GraphQL endpoint under the provider's API base URL (`/graphql`, `/v2`). */
  endpoint: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Sends one GraphQL document. GraphQL servers report failures inside a 200 answer (`errors`, and
 * `data` partly or wholly null): any `errors` entry fails the call as PROVIDER_API_ERROR with the
 * provider's own message, rather than handing a model half an answer. Non-2xx answers already
 * fail in `ctx.request` through the toolkit's error parser.
 */
/** PROVIDER_API_ERROR for a GraphQL answer that failed inside HTTP 200 (a mutation's `success: false`). */
export function graphqlFailure(ctx: ToolContext, endpoint: string, message: string, code?: string) {
  return providerError({ provider: ctx.provider, status: 200, method: 'POST', path: endpoint, message, ...(code ? { code } : {}), redact: ctx.redact });
}

export async function graphqlRequest<T>(ctx: ToolContext, options: GraphqlRequestOptions): Promise<T> {
  const body = { query: options.query, ...(options.variables ? { variables: options.variables } : {}) };
  const answer = await ctx.request<{ data?: T | null; errors?: unknown[] }>(options.endpoint, { method: 'POST', body });
  if ((Array.isArray(answer?.errors) && answer.errors.length > 0) || !answer?.data) {
    const info = graphqlErrorInfo(answer);
    throw graphqlFailure(ctx, options.endpoint, info.message ?? 'the answer has no data', info.code);
  }
  return answer.data;
}
