import type { Content, FunctionCall, GenerateContentParameters, GenerateContentResponse, Part } from '@google/genai';
import type { GenAITools } from '@onbehalf/google-genai';

/** `ai.models.generateContent`, or the offline stand-in with the same signature. */
export type GenerateContent = (params: GenerateContentParameters) => Promise<GenerateContentResponse>;

export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  result: unknown;
}

export interface AgentLoopOptions {
  generateContent: GenerateContent;
  model: string;
  systemInstruction: string;
  /** From `getTools(ob, { identifier })` of @onbehalf/google-genai: bound to one user. */
  tools: Pick<GenAITools, 'tools' | 'functionDeclarations' | 'handleFunctionCalls'>;
  message: string;
  /** Model turns at most; a model that keeps calling functions is stopped there. Default 5. */
  maxRounds?: number;
}

/**
 * Gemini function calling, by hand: send the user's message; while the response holds
 * `functionCalls`, run them, append the model's turn and a user turn with the `functionResponse`
 * parts, and ask again; the first answer without calls is the final text.
 */
export async function runAgentLoop({ generateContent, model, systemInstruction, tools, message, maxRounds = 5 }: AgentLoopOptions): Promise<{ answer: string; toolCalls: ToolCallRecord[] }> {
  const contents: Content[] = [{ role: 'user', parts: [{ text: message }] }];
  const toolCalls: ToolCallRecord[] = [];
  for (let round = 0; round < maxRounds; round++) {
    const response = await generateContent({ model, contents, config: { tools: tools.tools, systemInstruction } });
    const calls = response.functionCalls ?? [];
    const modelTurn = response.candidates?.[0]?.content;
    if (calls.length === 0 || !modelTurn) return { answer: response.text ?? noText(response), toolCalls };

    const parts = await answerCalls(tools, calls);
    // The model's turn goes back unchanged: Gemini 2.5 checks the thought signatures in it.
    contents.push(modelTurn, { role: 'user', parts });
    calls.forEach((call, i) => {
      const result = parts[i]!.functionResponse!.response ?? {};
      toolCalls.push({ name: call.name ?? '', args: call.args ?? {}, result: 'output' in result ? result.output : result.error });
    });
  }
  return { answer: `I stopped after ${maxRounds} rounds of tool calls without a final answer.`, toolCalls };
}

/**
 * One functionResponse per call, in call order (Gemini wants them all): handleFunctionCalls answers
 * the calls naming our tools and skips others, which get an error the model can read.
 */
async function answerCalls(tools: AgentLoopOptions['tools'], calls: FunctionCall[]): Promise<Part[]> {
  const ours = new Set(tools.functionDeclarations.map((d) => d.name));
  const handled = await tools.handleFunctionCalls(calls);
  let next = 0;
  return calls.map((call): Part => {
    if (ours.has(call.name)) return handled[next++]!;
    const error = { error: 'UNKNOWN_FUNCTION', message: `There is no function named ${call.name ?? '(none)'}.` };
    return { functionResponse: { ...(call.id ? { id: call.id } : {}), name: call.name ?? '', response: { error } } };
  });
}

function noText(response: GenerateContentResponse): string {
  const reason = response.candidates?.[0]?.finishReason ?? response.promptFeedback?.blockReason ?? 'unknown';
  return `(The model gave no text; finish reason: ${reason}.)`;
}
