import { tool, type StructuredTool } from '@langchain/core/tools';
import { OnBehalfError, boundTools, type GetToolsOptions, type ToolOutcome, type ToolSpec } from '@onbehalf/core';
import type { ToolsHost } from '@onbehalf/core';

/**
 * onbehalf tools as LangChain StructuredTools acting for `options.identifier`.
 *
 * By default the model sees `spec.input` (LangChain turns the zod schema into JSON Schema for
 * each chat model and validates calls against it). With `dialect: 'openai-strict'` it sees the
 * strict JSON Schema instead (for `bindTools(tools, { strict: true })`), and onbehalf maps the
 * nulls back before validating. The message content is JSON: the tool's data, or a
 * `{ error, message, … }` the agent can act on; the artifact keeps the raw outcome with the
 * execution id for the app. `mode: 'search'` gives the two meta-tools instead of the whole list.
 *
 * A tool `requireApproval` holds, run inside a LangGraph graph with a checkpointer (createAgent's
 * agent), pauses the graph with LangGraph's `interrupt`, in humanInTheLoopMiddleware's request
 * shape; resuming with `new Command({ resume: { decisions: [{ type: 'approve' }] } })` runs it,
 * `'reject'` hands the model TOOL_DENIED. Outside such a graph the model gets APPROVAL_REQUIRED
 * and the app approves with `ob.tools.approve(approvalId)`.
 */
export async function getTools(ob: ToolsHost, options: GetToolsOptions): Promise<StructuredTool[]> {
  // LangChain's Gemini models convert JSON Schema themselves and its validator reads JSON Schema:
  // Gemini's upper-case form would fail both.
  if (options?.dialect === 'gemini') throw new OnBehalfError('INVALID_INPUT', "getTools (LangChain): LangChain's Gemini models take JSON Schema; leave dialect unset or use 'openai-strict'.");
  return (await boundTools(ob, options)).map(({ spec, run }) => tool(
    async (input: unknown, config?: { signal?: AbortSignal; configurable?: Record<string, unknown> }) => {
      const outcome = spec.requiresApproval && inCheckpointedGraph(config) ? await afterApproval(spec, input, () => run(input, config?.signal, { approvedByFramework: true })) : await run(input, config?.signal);
      const content = JSON.stringify(outcome.ok ? outcome.data : outcome.error) ?? 'null';
      return [content, outcome.ok ? { data: outcome.data, executionId: outcome.executionId } : outcome.error];
    },
    // LangChain takes a zod schema or a JSON Schema here; its overloads are typed for one at a time.
    { name: spec.name, description: spec.description, schema: (spec.dialect === 'json-schema' ? spec.input : spec.inputSchema) as typeof spec.input, responseFormat: 'content_and_artifact' },
  ));
}

/** interrupt() needs a graph run that can be resumed: LangGraph's checkpointer in the run's config. */
const inCheckpointedGraph = (config: { configurable?: Record<string, unknown> } | undefined): boolean => config?.configurable?.['__pregel_checkpointer'] !== undefined;

/** The resume value humanInTheLoopMiddleware's clients send (HITLResponse). */
interface Decisions {
  decisions?: { type?: string; message?: string }[];
}

/**
 * Pauses the graph for the person's decision, asked as humanInTheLoopMiddleware asks it, and runs
 * the call only on 'approve'. LangGraph replays the tool from the start on resume, so nothing runs
 * before interrupt() returns; its GraphInterrupt must propagate, hence no try/catch here.
 */
async function afterApproval(spec: ToolSpec, input: unknown, run: () => Promise<ToolOutcome>): Promise<ToolOutcome> {
  // Loaded only here: apps that never hold a call need no @langchain/langgraph.
  const { interrupt } = await import('@langchain/langgraph');
  const answer = interrupt<unknown, Decisions | undefined>({
    actionRequests: [{ name: spec.name, args: input, description: `${spec.name} needs your approval: ${spec.description}` }],
    reviewConfigs: [{ actionName: spec.name, allowedDecisions: ['approve', 'reject'] }],
  });
  const decision = answer?.decisions?.[0];
  if (decision?.type === 'approve') return run();
  return { ok: false, error: { error: 'TOOL_DENIED', message: decision?.message ?? `The person declined this ${spec.name} call.` } };
}
