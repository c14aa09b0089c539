import { sealData, unsealData } from 'iron-session';
import type { PasswordMap } from '../vault/index.ts';

/**
 * The browser half of an OAuth transaction: an iron-session sealed cookie naming the transaction.
 * A callback whose browser does not carry it (a link forwarded mid-flow, a forged callback) is
 * refused. One cookie per transaction, so two flows in two tabs do not overwrite each other.
 */
export interface TransactionCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

export const transactionCookieName = (stateHash: string): string => `ob_tx_${stateHash.replace(/[^A-Za-z0-9]/g, '').slice(0, 16)}`;

/** `password` is the sealing map (the current key's password only). */
export async function sealTransactionCookie(stateHash: string, transactionId: string, password: PasswordMap, maxAgeSeconds: number): Promise<TransactionCookie> {
  const value = await sealData({ tx: transactionId }, { password, ttl: maxAgeSeconds });
  return { name: transactionCookieName(stateHash), value, maxAgeSeconds };
}

/** `password` holds every key of the ring, so a cookie sealed where another key is current still opens. */
export async function readTransactionCookie(value: string | undefined, password: PasswordMap): Promise<string | undefined> {
  if (!value) return undefined;
  try {
    const data = await unsealData<{ tx?: unknown }>(value, { password });
    return typeof data.tx === 'string' ? data.tx : undefined;
  } catch {
    return undefined;
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
