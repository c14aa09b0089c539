import { randomUUID } from 'node:crypto';
import type { LanguageModelV4, LanguageModelV4CallOptions, LanguageModelV4Content, LanguageModelV4FinishReason, LanguageModelV4StreamPart, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider';
import { helpText, planToolCalls, summarize, type ToolOutcome } from '@onbehalf/demo-kit';

const usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

function outputValue(output: LanguageModelV4ToolResultOutput): unknown {
  return 'value' in output ? output.value : output;
}

/**
 * One turn of the stand-in: when the prompt ends with tool results, a summary of them; otherwise
 * tool calls planned from the user's last message with the tools this call offers, or help text.
 */
function respond({ prompt, tools = [] }: LanguageModelV4CallOptions): LanguageModelV4Content[] {
  const results: ToolOutcome[] = [];
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i]!;
    if (message.role !== 'tool') break;
    for (const part of message.content.toReversed()) {
      if (part.type === 'tool-result') results.unshift({ name: part.toolName, output: outputValue(part.output) });
    }
  }
  if (results.length > 0) return [{ type: 'text', text: summarize(results) }];

  const lastUser = prompt.findLast((message) => message.role === 'user');
  const text = lastUser?.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ') ?? '';
  const names = tools.filter((t) => t.type === 'function').map((t) => t.name);
  const calls = planToolCalls(text, names);
  if (calls.length === 0) return [{ type: 'text', text: helpText(names) }];
  return calls.map((call) => ({ type: 'tool-call', toolCallId: `call_${randomUUID()}`, toolName: call.name, input: JSON.stringify(call.args) }));
}

const finishReason = (content: LanguageModelV4Content[]): LanguageModelV4FinishReason => ({
  unified: content.some((part) => part.type === 'tool-call') ? 'tool-calls' : 'stop',
  raw: undefined,
});

/**
 * An AI SDK language model (specification v4) that is not an LLM: the demo kit's rules turn simple
 * requests into tool calls and tool results into a short answer, so the example runs offline. The
 * page and the logs say so. Set OPENAI_API_KEY to use a real model instead.
 */
export const offlineModel: LanguageModelV4 = {
  specificationVersion: 'v4',
  provider: 'onbehalf-demo',
  modelId: 'offline-stand-in',
  supportedUrls: {},

  async doGenerate(options) {
    const content = respond(options);
    return { content, finishReason: finishReason(content), usage, warnings: [] };
  },

  async doStream(options) {
    const content = respond(options);
    const parts: LanguageModelV4StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    for (const part of content) {
      if (part.type === 'text') {
        const id = randomUUID();
        parts.push({ type: 'text-start', id }, { type: 'text-delta', id, delta: part.text }, { type: 'text-end', id });
      } else if (part.type === 'tool-call') {
        parts.push(part);
      }
    }
    parts.push({ type: 'finish', finishReason: finishReason(content), usage });
    return {
      stream: new ReadableStream<LanguageModelV4StreamPart>({
        start(controller) {
          for (const part of parts) controller.enqueue(part);
          controller.close();
        },
      }),
    };
  },
};
