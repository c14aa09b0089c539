import { OnBehalfError } from '../../errors.ts';
import type { AfterExecuteEvent, BeforeExecuteEvent, ToolHooks } from './tool-hooks.ts';

export type BeforeOutcome = { denied: string } | { input: unknown };

/**
 * Runs the `beforeExecute` hooks outermost first; each sees the input the previous one left.
 * `validate` re-checks an input a hook replaced (the tool's zod schema) before the next hook sees it.
 */
export async function runBeforeExecute(
  chain: readonly ToolHooks[],
  event: BeforeExecuteEvent,
  validate: (input: unknown) => unknown,
): Promise<BeforeOutcome> {
  let input = event.input;
  for (const hooks of chain) {
    if (!hooks.beforeExecute) continue;
    const result = await hooks.beforeExecute({ ...event, input });
    if (result === undefined || result === null || ('allow' in result && result.allow === true)) continue;
    if ('deny' in result) {
      if (typeof result.deny !== 'string' || result.deny.trim() === '') throw new OnBehalfError('CONFIGURATION_ERROR', `A beforeExecute hook denied ${event.tool.name} without a reason (the model needs one).`);
      return { denied: result.deny };
    }
    if ('input' in result) {
      input = validate(result.input);
      continue;
    }
    throw new OnBehalfError('CONFIGURATION_ERROR', `A beforeExecute hook for ${event.tool.name} returned something other than nothing, { allow: true }, { deny } or { input }.`);
  }
  return { input };
}

/** Runs the `afterExecute` hooks innermost first, so the outermost (global) one has the last word. */
export async function runAfterExecute(chain: readonly ToolHooks[], event: AfterExecuteEvent): Promise<unknown> {
  let output = event.output;
  for (const hooks of [...chain].reverse()) {
    if (!hooks.afterExecute) continue;
    const result = await hooks.afterExecute({ ...event, output });
    if (result === undefined || result === null) continue;
    if (typeof result !== 'object' || !('output' in result)) {
      throw new OnBehalfError('CONFIGURATION_ERROR', `An afterExecute hook for ${event.tool.name} returned something other than nothing or { output }.`);
    }
    output = result.output;
  }
  return output;
}
