import { createHash } from 'node:crypto';

/**
 * Discord ids (snowflakes) and the incoming webhook of a sandbox user, derived from the user's
 * login alone: the OIDC server (which answers the token request with the webhook) and the mock
 * API (which accepts posts to it) run apart and must agree without sharing state.
 */
function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** A 18-digit snowflake, stable for its inputs. */
export function snowflake(...parts: string[]): string {
  const n = digest('snowflake', ...parts).readBigUInt64BE(0) % 900_000_000_000_000_000n;
  return String(100_000_000_000_000_000n + n);
}

export interface SandboxWebhook {
  id: string;
  token: string;
  channelId: string;
  guildId: string;
}

/** The webhook for the channel the sandbox user "picked" at consent: #announcements of their first server. */
export function webhookOf(sub: string): SandboxWebhook {
  return {
    id: snowflake('webhook', sub),
    // The login is in the token so the mock can tell whose webhook a post is for.
    token: `${Buffer.from(sub).toString('base64url')}.${digest('webhook-token', sub).toString('base64url').slice(0, 40)}`,
    channelId: snowflake('channel', sub, '0', 'announcements'),
    guildId: snowflake('guild', sub, '0'),
  };
}

/** The user a webhook token belongs to, when it is one the sandbox issued. */
export function webhookOwner(id: string, token: string): string | undefined {
  const sub = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString();
  const expected = webhookOf(sub);
  return sub && expected.id === id && expected.token === token ? sub : undefined;
}
