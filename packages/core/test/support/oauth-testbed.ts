import { createSandbox } from '@onbehalf/sandbox';
import { sandboxProvider } from './sandbox-provider.ts';
import type { Logger } from '../../src/logger.ts';
import type { OAuth2Auth } from '../../src/providers/index.ts';
import type { OnBehalfOptions } from '../../src/create-on-behalf.ts';
import type { TestDialect } from './databases.ts';
import { createTestOnBehalf, type TestOnBehalf } from './test-on-behalf.ts';

export const BASE_URL = 'http://app.test/onbehalf';


/** Everything the logger, the events and thrown errors ever said, to scan for secrets. */
export function createRecorder() {
  const lines: string[] = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  return { lines, logger, note: (value: unknown) => void lines.push(value instanceof Error ? `${value.name} ${value.message} ${JSON.stringify(value)}` : JSON.stringify(value)) };
}

export type Sandbox = Awaited<ReturnType<typeof createSandbox>>;

export interface OAuthTestbed extends TestOnBehalf {
  sandbox: Sandbox;
  recorder: ReturnType<typeof createRecorder>;
  clientId: string;
  clientSecret: string;
  /** Plays the person's browser: opens the link, consents at the sandbox, follows the callback. */
  connect(link: string, options?: { user?: string; deny?: boolean }): Promise<{ authorize: Response; callback: Response; callbackUrl: string; cookie: string }>;
  /** Opens a link and returns the provider URL and the transaction cookie, without consenting. */
  begin(link: string): Promise<{ location: string; cookie: string }>;
  callback(url: string, cookie?: string): Promise<Response>;
  close(): Promise<void>;
}

export interface OAuthTestbedOptions {
  accessTokenTtl?: number;
  /** Default true, as the sandbox: every refresh rotates, and a reused refresh token kills the grant. */
  rotateRefreshTokens?: boolean;
  /** Overrides of the sandbox provider's OAuth settings (see sandboxProvider). */
  provider?: Partial<OAuth2Auth>;
  extra?: Partial<OnBehalfOptions>;
  connections?: string[];
}

export async function createOAuthTestbed(dialect: TestDialect, options: OAuthTestbedOptions = {}): Promise<OAuthTestbed> {
  const sandbox = await createSandbox({ accessTokenTtl: options.accessTokenTtl ?? 3600, rotateRefreshTokens: options.rotateRefreshTokens ?? true });
  const recorder = createRecorder();
  const clientId = `client-${Math.random().toString(36).slice(2, 10)}`;
  const clientSecret = `secret-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
  const names = options.connections ?? ['demo'];
  sandbox.addClient({ clientId, clientSecret, redirectUris: names.map((name) => `${BASE_URL}/callback/${name}`) });
  const t = await createTestOnBehalf(dialect, {
    baseUrl: BASE_URL,
    logger: recorder.logger,
    providers: [sandboxProvider(sandbox.issuer, options.provider)],
    connections: names.map((name) => ({ name, provider: 'sandbox', clientId, clientSecret, scopes: ['openid', 'offline_access', 'email'] })),
    ...options.extra,
  });

  async function begin(link: string) {
    const authorize = await t.ob.handler(new Request(link));
    const location = authorize.headers.get('location') ?? '';
    const cookie = (authorize.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    return { location, cookie, authorize };
  }
  const callback = (url: string, cookie?: string) => t.ob.handler(new Request(url, { headers: cookie ? { cookie } : {} }));

  return {
    ...t,
    sandbox,
    recorder,
    clientId,
    clientSecret,
    begin: async (link) => {
      const { location, cookie } = await begin(link);
      return { location, cookie };
    },
    callback,
    async connect(link, connectOptions = {}) {
      const { location, cookie, authorize } = await begin(link);
      if (authorize.status !== 302) throw new Error(`authorize answered ${authorize.status}`);
      const { callbackUrl } = await sandbox.consent(location, { user: connectOptions.user ?? 'alice', deny: connectOptions.deny });
      return { authorize, callback: await callback(callbackUrl, cookie), callbackUrl, cookie };
    },
    async close() {
      await t.cleanup();
      await sandbox.close();
    },
  };
}
