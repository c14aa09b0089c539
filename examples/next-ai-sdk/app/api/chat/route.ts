import { getTools } from '@onbehalf/ai-sdk';
import { convertToModelMessages, createUIMessageStreamResponse, isStepCount, safeValidateUIMessages, streamText, toUIMessageStream } from 'ai';
import { chooseModel } from '@/lib/model';
import { currentUser, getEnvironment } from '@/lib/onbehalf';

const INSTRUCTIONS = 'You help the signed-in user with their email, calendar, Slack and GitHub through the tools you have. ' +
  'If a tool says AUTHORIZATION_REQUIRED, give the user the authorization link and ask them to connect the account.';

/** The agent: `useChat` posts the conversation, the answer streams back as UI message chunks. */
export async function POST(request: Request) {
  const { ob } = await getEnvironment();
  const { model, label } = chooseModel();
  // The tools act for the signed-in user only: the identifier is bound here, never in a tool's input.
  const tools = await getTools(ob, { identifier: currentUser() });
  const body = (await request.json().catch(() => ({}))) as { messages?: unknown };
  const validated = await safeValidateUIMessages({ messages: body.messages, tools });
  if (!validated.success) return Response.json({ error: 'INVALID_MESSAGES', message: validated.error.message }, { status: 400 });
  const messages = validated.data;
  const question = messages.at(-1)?.parts.map((part) => (part.type === 'text' ? part.text : '')).join(' ');

  const result = streamText({
    model,
    instructions: INSTRUCTIONS,
    tools,
    stopWhen: isStepCount(5),
    messages: await convertToModelMessages(messages, { tools }),
    onEnd: ({ steps }) => {
      const calls = steps.flatMap((step) => step.toolCalls.map((call) => call.toolName));
      console.log(`[agent:${label.split(' ')[0]}] ${question} → ${calls.join(', ') || 'no tool'}`);
    },
    onError: ({ error }) => console.error('[agent] failed:', error),
  });
  return createUIMessageStreamResponse({ stream: toUIMessageStream({ stream: result.stream, tools, originalMessages: messages }) });
}
