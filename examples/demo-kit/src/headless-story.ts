import type { Environment } from './environment.ts';

export interface StoryOptions {
  /** Where the example app listens, e.g. http://localhost:3000 */
  appUrl: string;
  env: Environment;
  user: string;
  request?: string;
  print?: (line: string) => void;
}

export interface StoryResult {
  status: string;
  answer: string;
  toolCalls: Array<{ name: string; args: Record<string, unknown>; result: unknown }>;
}

/**
 * The demo without a browser: the same HTTP requests a person's browser makes, against the
 * running app. Connect Gmail (link → sandbox consent → callback), then ask the agent.
 */
export async function runHeadlessStory({ appUrl, env, user, request = 'show my last 5 unread emails', print = console.log }: StoryOptions): Promise<StoryResult> {
  const json = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${appUrl}${path}`, init);
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<Record<string, any>>;
  };
  const statusOf = async (connection: string) =>
    ((await json('/api/accounts')).connections as Array<{ name: string; status: string }>).find((c) => c.name === connection)?.status;

  print(`1. ${user} opens the app; gmail is ${await statusOf('gmail')}.`);
  const { link } = await json('/api/connect/gmail', { method: 'POST' });
  print(`2. "Connect gmail" made a one-time authorization link: ${String(link).replace(/[^/]+$/, '…')}`);

  const start = await fetch(link, { redirect: 'manual' });
  const location = start.headers.get('location');
  const cookie = start.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (start.status !== 302 || !location) throw new Error(`the link answered ${start.status}`);
  print(`3. The link redirects to the provider's consent page: ${new URL(location).origin}${new URL(location).pathname}`);

  const { callbackUrl } = await env.sandbox.sandbox.consent(location, { user });
  print(`4. ${user} signs in at the sandbox and allows access; the provider redirects back to ${new URL(callbackUrl).pathname}`);
  const callback = await fetch(callbackUrl, { headers: { cookie }, redirect: 'manual' });
  print(`5. The callback exchanges the code (PKCE) and stores the tokens encrypted → ${callback.status} to ${callback.headers.get('location')}`);

  const status = (await statusOf('gmail')) ?? 'unknown';
  print(`6. gmail is now ${status}.`);

  print(`7. ${user} asks the agent: "${request}"`);
  const result = (await json('/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: request }) })) as StoryResult;
  for (const call of result.toolCalls) print(`   tool call: ${call.name} ${JSON.stringify(call.args)}`);
  print(`   answer:\n${result.answer.split('\n').map((line) => `     ${line}`).join('\n')}`);
  return { status, answer: result.answer, toolCalls: result.toolCalls };
}
