import { openai } from '@ai-sdk/openai';
import { OFFLINE_MODEL_LABEL } from '@onbehalf/demo-kit';
import type { LanguageModel } from 'ai';
import { offlineModel } from './offline-model';

/** OpenAI when OPENAI_API_KEY is set, the offline stand-in otherwise; `label` says which. */
export function chooseModel(): { model: LanguageModel; label: string } {
  if (process.env.OPENAI_API_KEY) {
    const name = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
    return { model: openai(name), label: `OpenAI ${name}` };
  }
  return { model: offlineModel, label: OFFLINE_MODEL_LABEL };
}
