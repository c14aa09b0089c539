import { OnBehalfError } from '../errors.ts';
import { bindTool, selectToolSpecs, type BoundToolEntry, type GetToolsOptions, type ToolsHost } from './bind-tool.ts';
import { searchModeTools } from './search/index.ts';

/**
 * What every agent adapter turns into its framework's tools: the selected tools bound to the
 * identifier, or in `mode: 'search'` the two meta-tools over them. Adapters only translate.
 */
export async function boundTools(ob: ToolsHost, options: GetToolsOptions): Promise<BoundToolEntry[]> {
  const mode = options?.mode ?? 'all';
  if (mode !== 'all' && mode !== 'search') throw new OnBehalfError('INVALID_INPUT', `getTools: unknown mode '${String(mode)}'; use 'all' or 'search'.`);
  if (mode === 'search') return searchModeTools(ob, options);
  const specs = await selectToolSpecs(ob, options);
  return specs.map((spec) => ({ spec, run: bindTool(ob, spec, options) }));
}
