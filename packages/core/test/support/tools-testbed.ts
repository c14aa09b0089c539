import { createProviderSandbox, SANDBOX_PROVIDERS, type ProviderSandbox, type SandboxProviderId } from '@onbehalf/sandbox';
import type { OnBehalfOptions } from '../../src/create-on-behalf.ts';
import type { TestDialect } from './databases.ts';
import { BASE_URL, createRecorder } from './oauth-testbed.ts';
import { createTestOnBehalf, type TestOnBehalf } from './test-on-behalf.ts';

/** What the built-in tools need at each provider (Google adds openid/email and gmail.readonly itself). */
const SCOPES: Record<SandboxProviderId, string[]> = {
  gmail: ['https://www.googleapis.com/auth/gmail.send'],
  google_calendar: ['https://www.googleapis.com/auth/calendar.events'],
  google_drive: ['https://www.googleapis.com/auth/drive.file'],
  slack: ['chat:write', 'channels:read'],
  discord: ['guilds', 'guilds.members.read', 'webhook.incoming'],
  // Microsoft Graph providers ask for their tools' scopes (and offline_access, User.Read) themselves.
  outlook: [],
  microsoft_calendar: [],
  onedrive: [],
  microsoft_teams: [],
  github: ['repo'],
  figma: ['file_content:read', 'file_comments:read', 'file_comments:write', 'projects:read'],
  notion: [],
  trello: ['read', 'write'],
  jira: ['read:jira-work', 'write:jira-work'],
  vercel: [],
  gitlab: ['api'],
  bitbucket: [],
  hubspot: ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.write', 'crm.objects.companies.read'],
  zendesk: ['write'],
  salesforce: [],
  asana: ['workspaces:read', 'projects:read', 'tasks:read', 'tasks:write', 'stories:write'],
  monday: ['me:read', 'boards:read', 'boards:write', 'updates:write'],
  linear: ['write', 'issues:create', 'comments:create'],
};

export interface ToolsTestbed extends TestOnBehalf {
  ps: ProviderSandbox;
  sandbox: ProviderSandbox['sandbox'];
  mocks: ProviderSandbox['mocks'];
  recorder: ReturnType<typeof createRecorder>;
  /** Connects `identifier` on `connection` as sandbox user `user`, through a real link, consent and callback. */
  connect(connection: string, identifier: string, user?: string): Promise<void>;
  /** Plays the person's browser for a link: authorize, consent at the sandbox, callback. Returns the callback's status. */
  follow(link: string, user?: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * onbehalf with one connection per catalog provider (gmail, google_calendar, slack, github,
 * notion) pointed at the sandbox: real provider definitions, the sandbox as authorization server,
 * and its provider-shaped mock APIs as the API base URLs, so tools run against a sandbox-issued token.
 */
export async function createToolsTestbed(dialect: TestDialect, options: {
  accessTokenTtl?: number;
  extraConnections?: Array<{ provider: SandboxProviderId; name: string }>;
  extra?: Partial<OnBehalfOptions>;
} = {}): Promise<ToolsTestbed> {
  const ps = await createProviderSandbox({ accessTokenTtl: options.accessTokenTtl ?? 3600 });
  const connections = [
    ...SANDBOX_PROVIDERS.map((provider) => ps.connection(provider, { baseUrl: BASE_URL, scopes: SCOPES[provider] })),
    ...(options.extraConnections ?? []).map(({ provider, name }) => ps.connection(provider, { baseUrl: BASE_URL, name, scopes: SCOPES[provider] })),
  ];
  const recorder = createRecorder();
  const t = await createTestOnBehalf(dialect, { baseUrl: BASE_URL, logger: recorder.logger, connections, ...options.extra });

  async function follow(link: string, user = 'alice'): Promise<number> {
    const authorize = await t.ob.handler(new Request(link));
    if (authorize.status !== 302) throw new Error(`authorize answered ${authorize.status}`);
    const location = authorize.headers.get('location') ?? '';
    const cookie = (authorize.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const { callbackUrl } = await ps.sandbox.consent(location, { user });
    const callback = await t.ob.handler(new Request(callbackUrl, { headers: { cookie } }));
    return callback.status;
  }

  return {
    ...t,
    ps,
    sandbox: ps.sandbox,
    mocks: ps.mocks,
    recorder,
    follow,
    async connect(connection, identifier, user = 'alice') {
      const { link } = await t.ob.accounts.authorizationLink({ connection, identifier });
      const status = await follow(link, user);
      const account = await t.ob.accounts.get({ connection, identifier });
      if (account.status !== 'ACTIVE') throw new Error(`connecting ${connection} for ${identifier} ended ${account.status} (callback ${status})`);
    },
    async close() {
      await t.cleanup();
      await ps.close();
    },
  };
}
