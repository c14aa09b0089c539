import { GoogleGenAI } from '@google/genai';
import type { OnBehalf } from '@onbehalf/core';
import { OFFLINE_MODEL_LABEL } from '@onbehalf/demo-kit';
import { getTools } from '@onbehalf/google-genai';
import { runAgentLoop, type GenerateContent, type ToolCallRecord } from './agent-loop.ts';
import { offlineGenerateContent, OFFLINE_MODEL_VERSION } from './offline-generate-content.ts';

export interface Assistant {
  modelLabel: string;
  ask(identifier: string, message: string): Promise<{ answer: string; toolCalls: ToolCallRecord[] }>;
}

const SYSTEM_INSTRUCTION = 'You help the signed-in user with their email, calendar, Slack and GitHub through the functions you have. ' +
  'If a function answers AUTHORIZATION_REQUIRED, give the user the authorization link and ask them to connect the account.';

/** Gemini when GOOGLE_API_KEY (or GEMINI_API_KEY) is set, the offline stand-in otherwise. */
function chooseModel(): { generateContent: GenerateContent; model: string; label: string } {
  const apiKey = process.env.GOOGLE_API_KEY ?? process.env.GEMINI_API_KEY;
  if (apiKey) {
    const ai = new GoogleGenAI({ apiKey });
    const model = process.env.GOOGLE_MODEL ?? 'gemini-2.5-flash';
    return { generateContent: (params) => ai.models.generateContent(params), model, label: `Google ${model}` };
  }
  return { generateContent: offlineGenerateContent, model: OFFLINE_MODEL_VERSION, label: OFFLINE_MODEL_LABEL };
}

/** A Gemini function-calling agent whose tools are bound to the identifier of the user who asks. */
export function createAssistant(ob: OnBehalf): Assistant {
  const { generateContent, model, label } = chooseModel();
  return {
    modelLabel: label,
    async ask(identifier, message) {
      const tools = await getTools(ob, { identifier });
      return runAgentLoop({ generateContent, model, systemInstruction: SYSTEM_INSTRUCTION, tools, message });
    },
  };
}
