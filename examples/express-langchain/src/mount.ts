import type { MountExample } from '@onbehalf/demo-kit';
import { createAssistant } from './assistant.ts';
import { createDemoApp } from './app.ts';

/** This example's app on the shared environment: the Express app with its LangChain assistant. */
export const mountExample: MountExample = async (env, user) => {
  const assistant = await createAssistant(env.ob);
  return { listener: createDemoApp({ ob: env.ob, assistant, user }), modelLabel: assistant.modelLabel };
};
