import { OnBehalfError } from '../errors.ts';
import { defineProvider, type Provider, type ProviderErrorInfo } from '../providers/index.ts';
import type { ToolDefinition } from './tool-types.ts';

export interface ToolkitDefinition {
  provider: Provider;
  tools?: readonly ToolDefinition[];
  /**
   * The API version the tools are written for, sent on every call as this header (Notion's
   * `Notion-Version`, GitHub's `X-GitHub-Api-Version`): declared once, here.
   */
  apiVersion?: { header: string; value: string };
  /** Reads the provider's error bodies; becomes the provider's `api.parseError`. */
  parseError?: (body: unknown) => ProviderErrorInfo;
}

/** A provider with everything the engine needs to act there: its definition and its tools. */
export interface Toolkit {
  readonly provider: Provider;
  readonly tools: readonly ToolDefinition[];
  readonly apiVersion: string | undefined;
}

/**
 * One provider's catalog entry (`catalog/<id>/index.ts`): the provider with its API version header
 * and error parser folded in, and its tools, each checked to belong to it.
 */
export function defineToolkit(definition: ToolkitDefinition): Toolkit {
  const { apiVersion, parseError } = definition;
  const base = definition.provider;
  const provider = apiVersion || parseError
    ? defineProvider({
      ...base,
      api: {
        ...base.api,
        ...(apiVersion ? { headers: { ...base.api.headers, [apiVersion.header.toLowerCase()]: apiVersion.value } } : {}),
        ...(parseError ? { parseError } : {}),
      },
    })
    : base;
  const tools = Object.freeze([...(definition.tools ?? [])]);
  for (const tool of tools) {
    if (tool.provider !== provider.id) throw new OnBehalfError('CONFIGURATION_ERROR', `Tool '${tool.name}' is for provider '${tool.provider}', not '${provider.id}'.`);
  }
  return Object.freeze({ provider, tools, apiVersion: apiVersion?.value });
}
