import { sealData, unsealData } from 'iron-session';
import { hashToken } from '../store/index.ts';
import type { PasswordMap } from '../vault/index.ts';

/**
 * The browser half of OAuth transactions: one iron-session sealed cookie per connection, naming
 * the browser's recent transactions for it. A callback whose browser does not carry its
 * transaction (a link forwarded mid-flow, a forged callback) is refused. Several transactions
 * per cookie, so two tabs do not overwrite each other; a bounded number, so opening links again
 * and again cannot grow the Cookie header until the app's server refuses every request (431).
 */
export interface TransactionCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

/** Transactions one browser can have in flight per connection; opening more forgets the oldest. */
export const MAX_TRANSACTIONS_PER_COOKIE = 4;

export const transactionCookieName = (connection: string): string => `ob_tx_${hashToken(connection).replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}`;

/**
 * The cookie naming `transactionIds` (the most recent ones, up to the bound), or one that deletes
 * it when there are none left. `password` is the sealing map (the current key's password only).
 */
export async function sealTransactionCookie(connection: string, transactionIds: string[], password: PasswordMap, maxAgeSeconds: number): Promise<TransactionCookie> {
  const name = transactionCookieName(connection);
  if (transactionIds.length === 0) return { name, value: '', maxAgeSeconds: 0 };
  const value = await sealData({ txs: transactionIds.slice(-MAX_TRANSACTIONS_PER_COOKIE) }, { password, ttl: maxAgeSeconds });
  return { name, value, maxAgeSeconds };
}

/**
 * The transactions a cookie names; none when it is missing, forged or expired. `password` holds
 * every key of the ring, so a cookie sealed where another key is current still opens.
 */
export async function readTransactionCookie(value: string | undefined, password: PasswordMap): Promise<string[]> {
  if (!value) return [];
  try {
    const data = await unsealData<{ txs?: unknown }>(value, { password });
    return Array.isArray(data.txs) ? data.txs.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function serializeCookie(cookie: { name: string; value: string; maxAgeSeconds: number }, baseUrl: string): string {
  const url = new URL(baseUrl);
  const parts = [
    `${cookie.name}=${cookie.value}`,
    `Path=${url.pathname || '/'}`,
    `Max-Age=${cookie.maxAgeSeconds}`,
    'HttpOnly',
    // Lax: the provider sends the person back with a top-level GET, which carries Lax cookies.
    'SameSite=Lax',
  ];
  if (url.protocol === 'https:') parts.push('Secure');
  return parts.join('; ');
}

export function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = part.slice(index + 1).trim();
  }
  return cookies;
}
