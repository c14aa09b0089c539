import { AuthorizationRequiredError, OnBehalfError, isOnBehalfError } from '../errors.ts';
import type { ToolsApi } from './create-tools.ts';
import type { ToolSpec } from './tool-types.ts';

// What the agent adapters (@onbehalf/langchain, ai-sdk, google-genai) share: the identifier bound
// when tools are made, and one policy for turning failures into something the model can act on.

/** The part of `OnBehalf` an agent adapter needs: `ob.tools` alone. */
export interface ToolsHost {
  tools: Pick<ToolsApi, 'list' | 'execute'>;
}

export interface GetToolsOptions {
  /** The user (org, …) every tool acts for. Bound here; it never appears in a tool's input schema. */
  identifier: string;
  /** Only tools of these providers (`gmail`, `slack`, …). */
  providers?: string[];
  /** Only tools of these connections (by connection name). */
  connections?: string[];
  /** Only these tools (by tool name). */
  tools?: string[];
  /**
   * When the account is not ACTIVE: `'return'` (default) hands the model an AUTHORIZATION_REQUIRED
   * result with a link to show the user; `'throw'` rethrows the AuthorizationRequiredError.
   */
  onAuthorizationRequired?: 'return' | 'throw';
}

/** What a tool hands the model instead of data when it could not act. */
export interface ToolError {
  error: string;
  message: string;
  /** AUTHORIZATION_REQUIRED only: the account status and the link the user must open. */
  status?: string;
  authorizationLink?: string;
}

export type ToolOutcome = { ok: true; data: unknown; executionId: string } | { ok: false; error: ToolError };

/** A spec's execute function with the identifier, connection and error policy already applied. */
export type BoundTool = (input: unknown, signal?: AbortSignal) => Promise<ToolOutcome>;

/** Lists the specs the options select; refuses to make tools that act for nobody. */
export async function selectToolSpecs(ob: ToolsHost, options: GetToolsOptions): Promise<ToolSpec[]> {
  if (typeof options?.identifier !== 'string' || options.identifier === '') {
    throw new OnBehalfError('INVALID_INPUT', 'getTools needs the identifier of the user the tools act for.');
  }
  const { providers, connections, tools } = options;
  return ob.tools.list({
    ...(providers ? { providers } : {}),
    ...(connections ? { connections } : {}),
    ...(tools ? { tools } : {}),
  });
}

export function bindTool(ob: ToolsHost, spec: ToolSpec, options: GetToolsOptions): BoundTool {
  const { identifier, onAuthorizationRequired = 'return' } = options;
  return async (input, signal) => {
    try {
      const { data, executionId } = await ob.tools.execute({ identifier, tool: spec.name, input, connection: spec.connection, ...(signal ? { signal } : {}) });
      return { ok: true, data, executionId };
    } catch (error) {
      if (error instanceof AuthorizationRequiredError) {
        if (onAuthorizationRequired === 'throw') throw error;
        const { accountStatus: status, authorizationLink, message } = error;
        return { ok: false, error: { error: 'AUTHORIZATION_REQUIRED', status, authorizationLink, message } };
      }
      // Bad input, a provider refusal or an outage: the model can fix its call, retry or tell the
      // user. A 500-class error means the app itself is misconfigured (key, database): no model
      // can repair that, so it reaches the app.
      if (isOnBehalfError(error) && error.status !== 500) return { ok: false, error: { error: error.code, message: error.message } };
      throw error;
    }
  };
}
