import { MockLanguageModelV4 } from 'ai/test';

// @ai-sdk/provider is not a dependency of this package: take the type from the mock itself.
type LanguageModelV4GenerateResult = Awaited<ReturnType<MockLanguageModelV4['doGenerate']>>;

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 1, text: 1, reasoning: undefined },
};

/** A model turn that calls one tool. */
export const toolCallTurn = (toolCallId: string, toolName: string, input: unknown): LanguageModelV4GenerateResult => ({
  content: [{ type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) }],
  finishReason: { unified: 'tool-calls', raw: undefined },
  usage,
  warnings: [],
});

/** A model turn that answers in text. */
export const textTurn = (text: string): LanguageModelV4GenerateResult => ({
  content: [{ type: 'text', text }],
  finishReason: { unified: 'stop', raw: undefined },
  usage,
  warnings: [],
});

/** The AI SDK's mock model playing `turns` in order; `doGenerateCalls` records every prompt. */
export const scriptedModel = (...turns: LanguageModelV4GenerateResult[]) => new MockLanguageModelV4({ doGenerate: turns });

/** The tool results the model received in the prompt of call `index`. */
export function toolResultsSent(model: MockLanguageModelV4, index: number): unknown[] {
  const prompt = model.doGenerateCalls[index]?.prompt ?? [];
  return prompt.flatMap((message) => (message.role === 'tool' ? message.content : [])).filter((part) => part.type === 'tool-result');
}
