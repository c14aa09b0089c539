import type { ScriptedModel } from '@openai/agents/testing';

/** The function-call outputs the model was sent in call `index`, with the output parsed as the SDK sent it. */
export function toolOutputsSent(model: ScriptedModel, index: number): { callId: string; output: unknown }[] {
  const input = model.calls[index]?.request.input;
  const items = Array.isArray(input) ? input : [];
  return items.flatMap((item) => {
    if (item.type !== 'function_call_result') return [];
    const { output } = item;
    const text = typeof output === 'string' ? output : !Array.isArray(output) && output.type === 'text' ? output.text : JSON.stringify(output);
    return [{ callId: item.callId, output: JSON.parse(text) as unknown }];
  });
}
