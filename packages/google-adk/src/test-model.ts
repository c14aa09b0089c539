import { BaseLlm, type BaseLlmConnection, type FunctionTool, type LlmRequest, type LlmResponse } from '@google/adk';

type Part = NonNullable<NonNullable<LlmResponse['content']>['parts']>[number];
type FunctionDeclaration = ReturnType<FunctionTool['_getDeclaration']>;

/** A model turn that calls one function. */
export const callTurn = (id: string, name: string, args: Record<string, unknown>): LlmResponse => ({
  content: { role: 'model', parts: [{ functionCall: { id, name, args } }] },
});

/** A model turn that answers in text. */
export const textTurn = (text: string): LlmResponse => ({ content: { role: 'model', parts: [{ text }] }, turnComplete: true });

/**
 * A model for ADK agents that plays `turns` in order, one per request, and keeps a copy of every
 * request (what Gemini would have been sent: contents and the declared functions).
 */
export class ScriptedLlm extends BaseLlm {
  readonly requests: LlmRequest[] = [];
  readonly #turns: LlmResponse[];

  constructor(...turns: LlmResponse[]) {
    super({ model: 'scripted' });
    this.#turns = turns;
  }

  override async *generateContentAsync(request: LlmRequest): AsyncGenerator<LlmResponse, void> {
    this.requests.push(structuredClone({ ...request, toolsDict: {} }));
    const turn = this.#turns.shift();
    if (!turn) throw new Error(`ScriptedLlm: no turn left for request ${this.requests.length}`);
    yield turn;
  }

  override connect(): Promise<BaseLlmConnection> {
    throw new Error('ScriptedLlm does not stream live.');
  }

  /** The function declarations of request `index`. */
  declarations(index: number): FunctionDeclaration[] {
    return (this.requests[index]?.config?.tools ?? []).flatMap((tool) => ('functionDeclarations' in tool ? (tool.functionDeclarations ?? []) : []));
  }

  /** The function responses the model was sent in request `index`. */
  functionResponses(index: number): NonNullable<Part['functionResponse']>[] {
    return (this.requests[index]?.contents ?? []).flatMap((content) => content.parts ?? []).flatMap((part) => (part.functionResponse ? [part.functionResponse] : []));
  }
}
