import type { OnBehalf } from '@onbehalf/core';
import { OFFLINE_MODEL_LABEL } from '@onbehalf/demo-kit';
import { getTools } from '@onbehalf/langchain';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import { OfflineChatModel } from './offline-chat-model.ts';

export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  result: unknown;
}

export interface Assistant {
  modelLabel: string;
  ask(identifier: string, message: string): Promise<{ answer: string; toolCalls: ToolCallRecord[] }>;
}

const SYSTEM_PROMPT = 'You help the signed-in user with their email, calendar, Slack and GitHub through the tools you have. ' +
  'If a tool says AUTHORIZATION_REQUIRED, give the user the authorization link and ask them to connect the account.';

async function chooseModel(): Promise<{ model: BaseChatModel; label: string }> {
  if (process.env.OPENAI_API_KEY) {
    const { ChatOpenAI } = await import('@langchain/openai');
    const name = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
    return { model: new ChatOpenAI({ model: name }), label: `OpenAI ${name}` };
  }
  return { model: new OfflineChatModel(), label: OFFLINE_MODEL_LABEL };
}

/** A LangChain agent whose tools are bound to the identifier of the user who asks. */
export async function createAssistant(ob: OnBehalf): Promise<Assistant> {
  const { model, label } = await chooseModel();
  return {
    modelLabel: label,
    async ask(identifier, message) {
      const tools = await getTools(ob, { identifier });
      const agent = createAgent({ model, tools, systemPrompt: SYSTEM_PROMPT });
      const { messages } = await agent.invoke({ messages: [{ role: 'user', content: message }] });
      const results = new Map<string, unknown>();
      for (const m of messages) if (ToolMessage.isInstance(m)) results.set(m.tool_call_id, parse(m.content));
      const toolCalls: ToolCallRecord[] = messages
        .filter((m): m is AIMessage => AIMessage.isInstance(m))
        .flatMap((m) => m.tool_calls ?? [])
        .map((call) => ({ name: call.name, args: call.args, result: results.get(call.id ?? '') }));
      const last = messages.at(-1);
      return { answer: typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? ''), toolCalls };
    },
  };
}

function parse(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}
