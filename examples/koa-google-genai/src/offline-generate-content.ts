import { randomUUID } from 'node:crypto';
import { helpText, planToolCalls, summarize } from '@onbehalf/demo-kit';
import { FinishReason, GenerateContentResponse, type Content, type ContentListUnion, type GenerateContentParameters, type Part, type ToolListUnion } from '@google/genai';

/** The model name the stand-in reports in `modelVersion`. */
export const OFFLINE_MODEL_VERSION = 'onbehalf-offline-stand-in';

/**
 * A stand-in for `ai.models.generateContent` that is not an LLM: it plans function calls for simple
 * requests with the demo kit's rules and summarizes function responses. It takes the same
 * parameters and returns the SDK's own `GenerateContentResponse` class, so `response.functionCalls`,
 * `response.text` and `response.candidates[0].content` behave as with Gemini, and the same loop
 * drives both. It lets the example run offline; the page and the logs say so. Set GOOGLE_API_KEY
 * (or GEMINI_API_KEY) to use Gemini instead.
 */
export async function offlineGenerateContent({ contents, config }: GenerateContentParameters): Promise<GenerateContentResponse> {
  const names = declaredFunctionNames(config?.tools);
  const parts = answer(toContents(contents).at(-1)?.parts ?? [], names);
  return Object.assign(new GenerateContentResponse(), {
    candidates: [{ content: { role: 'model', parts }, finishReason: FinishReason.STOP, index: 0 }],
    modelVersion: OFFLINE_MODEL_VERSION,
    responseId: randomUUID(),
  });
}

/** The model turn for the last content: a summary of function responses, function calls, or help. */
function answer(last: Part[], names: string[]): Part[] {
  const responses = last.flatMap((part) => (part.functionResponse ? [part.functionResponse] : []));
  if (responses.length > 0) {
    // handleFunctionCalls answers `{ output }` or `{ error }`; the summarizer reads either.
    const outcomes = responses.map(({ name, response }) => ({ name: name ?? 'function', output: response && 'output' in response ? response.output : (response?.error ?? response) }));
    return [{ text: summarize(outcomes) }];
  }
  const text = last.map((part) => part.text ?? '').join(' ');
  const calls = planToolCalls(text, names);
  if (calls.length === 0) return [{ text: helpText(names) }];
  return calls.map(({ name, args }) => ({ functionCall: { id: `call_${randomUUID().slice(0, 8)}`, name, args } }));
}

function declaredFunctionNames(tools: ToolListUnion | undefined): string[] {
  return (tools ?? []).flatMap((tool) => ('functionDeclarations' in tool ? (tool.functionDeclarations ?? []).map((d) => d.name ?? '') : []));
}

/** `contents` as the SDK accepts it (a string, parts, one Content or a list), as a Content list. */
function toContents(contents: ContentListUnion): Content[] {
  const list = Array.isArray(contents) ? contents : [contents];
  if (list.every((item) => typeof item === 'object' && ('parts' in item || 'role' in item))) return list as Content[];
  return [{ role: 'user', parts: list.map((item) => (typeof item === 'string' ? { text: item } : (item as Part))) }];
}
