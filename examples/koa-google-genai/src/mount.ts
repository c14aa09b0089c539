import type { MountExample } from '@onbehalf/demo-kit';
import { createAssistant } from './assistant.ts';
import { createDemoApp } from './app.ts';

/** This example's app on the shared environment: the Koa app with its Gemini assistant. */
export const mountExample: MountExample = async (env, user) => {
  const assistant = createAssistant(env.ob);
  return { listener: createDemoApp({ ob: env.ob, assistant, user }).callback(), modelLabel: assistant.modelLabel };
};
