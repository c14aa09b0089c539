import type { AccountStatus } from './account-status.ts';
import type { Logger } from './logger.ts';

/** Every event carries ids and statuses only: never a token, secret, code or payload. */
export interface OnBehalfEvents {
  'account.created': { accountId: string; connection: string; identifier: string };
  'account.deleted': { accountId: string; connection: string; identifier: string };
  'account.status_changed': { accountId: string; connection: string; identifier: string; from: AccountStatus; to: AccountStatus; reason: string | null };
  'account.authorized': { accountId: string; connection: string; identifier: string; scopes: string[] };
  'token.refreshed': { accountId: string; connection: string; identifier: string; expiresAt: Date | null };
  'token.refresh_failed': { accountId: string; connection: string; identifier: string; code: string; retryable: boolean };
  'tool.executed': { executionId: string; tool: string; connection: string; identifier: string; durationMs: number; outcome: 'success' | 'error'; errorCode?: string };
}

export type EventName = keyof OnBehalfEvents;
export type Listener<E extends EventName> = (payload: OnBehalfEvents[E]) => void | Promise<void>;

/**
 * A small typed emitter. Listeners run after the change they describe has been stored; a listener
 * that throws is logged and never undoes or fails the operation.
 */
export class EventBus {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(event: E, payload: OnBehalfEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        const result = listener(payload);
        if (result && typeof (result as Promise<void>).catch === 'function') {
          (result as Promise<void>).catch((error: unknown) => this.#logListenerError(event, error));
        }
      } catch (error) {
        this.#logListenerError(event, error);
      }
    }
  }

  #logListenerError(event: EventName, error: unknown): void {
    this.#logger.error('onbehalf event listener failed', { event, error: error instanceof Error ? error.message : String(error) });
  }
}
