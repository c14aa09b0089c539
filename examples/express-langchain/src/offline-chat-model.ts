import { helpText, planToolCalls, summarize } from '@onbehalf/demo-kit';
import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/**
 * A LangChain chat model that is not an LLM: it turns simple requests into tool calls with the
 * demo kit's rules and summarizes the tool results. It lets the example run offline; the page and
 * the logs say so. Set OPENAI_API_KEY to use a real model instead.
 */
export class OfflineChatModel extends BaseChatModel {
  toolNames: string[] = [];

  constructor(fields: BaseChatModelParams = {}, toolNames: string[] = []) {
    super(fields);
    this.toolNames = toolNames;
  }

  _llmType(): string {
    return 'onbehalf-offline-stand-in';
  }

  override bindTools(tools: Array<{ name?: string } | Record<string, unknown>>): this {
    const names = tools.map((t) => String((t as { name?: string }).name ?? ''));
    return new OfflineChatModel({}, names) as this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const trailingResults: ToolMessage[] = [];
    for (let i = messages.length - 1; i >= 0 && ToolMessage.isInstance(messages[i]); i--) trailingResults.unshift(messages[i] as ToolMessage);
    let message: AIMessage;
    if (trailingResults.length > 0) {
      message = new AIMessage(summarize(trailingResults.map((m) => ({ name: m.name ?? 'tool', output: m.content }))));
    } else {
      const text = String(messages.at(-1)?.content ?? '');
      const calls = planToolCalls(text, this.toolNames);
      message = calls.length > 0
        ? new AIMessage({ content: '', tool_calls: calls.map((call, i) => ({ id: `call_${Date.now()}_${i}`, name: call.name, args: call.args, type: 'tool_call' as const })) })
        : new AIMessage(helpText(this.toolNames));
    }
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}
