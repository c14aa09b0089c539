import type { EventBus } from '../events.ts';
import type { AccessToken } from './refresh-coordinator.ts';

export interface TokenCacheOptions {
  /**
   * How long a decrypted access token is served from this process's memory. Default 5 s. Other
   * processes cannot tell this cache that an account was revoked or suspended, so a revocation
   * elsewhere takes up to this long to be seen here: keep it short.
   */
  ttlSeconds?: number;
  /** Accounts kept at most (least recently stored go first). Default 10 000. */
  maxEntries?: number;
}

interface Entry {
  token: AccessToken;
  until: number;
}

/**
 * The opt-in in-process cache of access tokens (`createOnBehalf({ cache })`). An entry never
 * outlives its token's due time, and goes at once when this process refreshes, revokes, suspends
 * or deletes the account (it listens to the events those changes emit).
 */
export function createTokenCache(events: EventBus, now: () => number, options: TokenCacheOptions) {
  const ttlMs = (options.ttlSeconds ?? 5) * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const byAccount = new Map<string, Entry>();
  /** `${connection}\0${identifier}\0${alias}` → account id, so reads by key hit the cache too. */
  const idByKey = new Map<string, string>();
  const keyOf = (connection: string, identifier: string, alias = 'default') => `${connection}\u0000${identifier}\u0000${alias}`;

  // Bumped by every drop: a read that started before a revocation must not store what it read.
  let generation = 0;
  const drop = ({ accountId }: { accountId: string }) => {
    generation++;
    byAccount.delete(accountId);
  };
  events.on('token.refreshed', drop);
  events.on('account.authorized', drop);
  events.on('account.status_changed', drop);
  events.on('account.deleted', (event) => {
    drop(event);
    idByKey.delete(keyOf(event.connection, event.identifier));
  });

  return {
    /** Pass to `set`: a read that overlapped any invalidation is not cached. */
    generation: () => generation,
    get(ref: { id: string } | { connection: string; identifier: string; alias?: string }): AccessToken | undefined {
      const id = 'id' in ref ? ref.id : idByKey.get(keyOf(ref.connection, ref.identifier, ref.alias));
      if (id === undefined) return undefined;
      const entry = byAccount.get(id);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        byAccount.delete(id);
        return undefined;
      }
      return entry.token;
    },
    /** `freshForMs`: how long the token may be handed out before it is due. */
    set(account: { id: string; connection: string; identifier: string; alias?: string }, token: AccessToken, freshForMs: number, readAtGeneration: number): void {
      const lifetime = Math.min(ttlMs, freshForMs);
      if (!(lifetime > 0) || readAtGeneration !== generation) return;
      if (byAccount.size >= maxEntries && !byAccount.has(account.id)) byAccount.delete(byAccount.keys().next().value!);
      if (idByKey.size >= maxEntries * 2) idByKey.clear();
      byAccount.set(account.id, { token, until: now() + lifetime });
      idByKey.set(keyOf(account.connection, account.identifier, account.alias), account.id);
    },
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
