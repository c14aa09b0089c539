import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Milliseconds since the epoch; Infinity when the provider gave no lifetime. */
  expiresAt: number;
}

/** Everything oidc-provider persists (sessions, interactions, grants, tokens), held in memory. */
export interface MemoryStore {
  /** The `adapter` for oidc-provider; every Provider built over this store shares the same data. */
  adapter: AdapterFactory;
  /** Live payloads of one model (`Grant`, `AccessToken`, …), for in-process inspection. */
  list(model: string): Array<{ id: string; payload: AdapterPayload }>;
  /** Removes every grant of an account and every artifact issued under those grants. */
  revokeAccount(accountId: string): void;
}

/**
 * Our own store instead of oidc-provider's bundled memory adapter: that one is an LRU capped at
 * 1000 entries (a long test run would silently lose tokens), prints a warning, and cannot be
 * searched by account, which `revokeGrants(user)` needs. It also outlives a Provider instance,
 * which lets the sandbox rebuild its Provider (to learn new scopes) without losing any state.
 */
export function createMemoryStore(): MemoryStore {
  // model -> id -> entry
  const models = new Map<string, Map<string, Entry>>();
  let writes = 0;

  const table = (model: string): Map<string, Entry> => {
    let found = models.get(model);
    if (!found) {
      found = new Map();
      models.set(model, found);
    }
    return found;
  };

  const live = (model: string, id: string): Entry | undefined => {
    const rows = table(model);
    const entry = rows.get(id);
    if (entry && entry.expiresAt <= Date.now()) {
      rows.delete(id);
      return undefined;
    }
    return entry;
  };

  // Expired rows are dropped lazily on read and swept now and then on write, so memory stays flat.
  const sweep = (): void => {
    const now = Date.now();
    for (const rows of models.values()) {
      for (const [id, entry] of rows) {
        if (entry.expiresAt <= now) rows.delete(id);
      }
    }
  };

  const destroyGrant = (grantId: string): void => {
    for (const [model, rows] of models) {
      for (const [id, entry] of rows) {
        if (entry.payload.grantId === grantId || (model === 'Grant' && id === grantId)) rows.delete(id);
      }
    }
  };

  const adapter: AdapterFactory = (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      if (++writes % 500 === 0) sweep();
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
      // A copy, so that the stored state only changes through the adapter, as with a database.
      table(model).set(id, { payload: structuredClone(payload), expiresAt });
    },
    async find(id) {
      const entry = live(model, id);
      return entry ? structuredClone(entry.payload) : undefined;
    },
    async findByUid(uid) {
      for (const [id, entry] of table(model)) {
        if (entry.payload.uid === uid) return live(model, id) ? structuredClone(entry.payload) : undefined;
      }
      return undefined;
    },
    async findByUserCode(userCode) {
      for (const [id, entry] of table(model)) {
        if (entry.payload.userCode === userCode) return live(model, id) ? structuredClone(entry.payload) : undefined;
      }
      return undefined;
    },
    async consume(id) {
      const entry = live(model, id);
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      table(model).delete(id);
    },
    async revokeByGrantId(grantId) {
      for (const [id, entry] of table(model)) {
        if (entry.payload.grantId === grantId) table(model).delete(id);
      }
    },
  });

  return {
    adapter,
    list(model) {
      const out: Array<{ id: string; payload: AdapterPayload }> = [];
      for (const id of [...table(model).keys()]) {
        const entry = live(model, id);
        if (entry) out.push({ id, payload: structuredClone(entry.payload) });
      }
      return out;
    },
    revokeAccount(accountId) {
      const grantIds = new Set<string>();
      for (const [model, rows] of models) {
        if (model === 'Session' || model === 'Interaction') continue;
        for (const [id, entry] of rows) {
          if (entry.payload.accountId !== accountId) continue;
          if (model === 'Grant') grantIds.add(id);
          else if (typeof entry.payload.grantId === 'string') grantIds.add(entry.payload.grantId);
          else rows.delete(id);
        }
      }
      for (const grantId of grantIds) destroyGrant(grantId);
    },
  };
}
