import { insufficientScopes, providerError } from '../../api-client/index.ts';
import type { ToolContext, ToolRequestOptions } from '../../tools/index.ts';

export interface SlackAnswer {
  ok: boolean;
  error?: string;
  /** With `missing_scope`: the scopes the method needs, comma-separated. */
  needed?: string;
}

/**
 * Slack answers most failures with HTTP 200 and `{ ok: false, error }`; those become
 * PROVIDER_API_ERROR with Slack's error code, like any other provider error.
 */
export async function slackCall<T extends SlackAnswer>(ctx: ToolContext, method: string, options: ToolRequestOptions): Promise<T> {
  const answer = await ctx.request<T>(`/${method}`, options);
  if (!answer?.ok) {
    const code = answer?.error ?? 'unknown_error';
    if (code === 'missing_scope') {
      const needed = typeof answer?.needed === 'string' ? answer.needed.split(',').map((s) => s.trim()).filter(Boolean) : [];
      throw insufficientScopes({ provider: ctx.provider, status: 200, method: options.method ?? 'GET', path: `/api/${method}`, missingScopes: needed, code, message: code, redact: ctx.redact });
    }
    throw providerError({ provider: ctx.provider, status: 200, method: options.method ?? 'GET', path: `/api/${method}`, message: code, code, redact: ctx.redact });
  }
  return answer;
}
