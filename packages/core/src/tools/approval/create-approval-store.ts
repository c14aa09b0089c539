import { randomBytes } from 'node:crypto';
import { OnBehalfError } from '../../errors.ts';
import { canonicalCallHash } from './canonical-call-hash.ts';

/** One call waiting for (or given) a person's decision. */
export interface ToolApproval {
  approvalId: string;
  identifier: string;
  /** The listed tool name. */
  tool: string;
  connection: string;
  /** The alias of the account the call acts in. */
  account?: string;
  /** The exact input the approval is bound to. */
  input: unknown;
  status: 'pending' | 'approved' | 'denied';
  /** A pending request, or an unused decision, is forgotten after this. */
  expiresAt: Date;
}

export interface ApprovalStoreOptions {
  now: () => number;
  /** How long a request waits for a decision, and a decision for the call it allows. Default 15 minutes. */
  ttlSeconds?: number;
  /** At most this many open requests; the oldest is forgotten first. Default 10,000. */
  maxOpen?: number;
}

interface Entry extends ToolApproval {
  hash: string;
  reason?: string;
}

export type ApprovalCheck = { kind: 'approved' } | { kind: 'denied'; reason: string | undefined } | { kind: 'pending'; approval: ToolApproval };

const publicView = ({ hash: _hash, reason: _reason, ...approval }: Entry): ToolApproval => ({ ...approval, expiresAt: new Date(approval.expiresAt) });

/**
 * Approvals of single tool calls, kept in this process. A call is identified by the hash of its
 * identifier, connection, tool and canonical input: the same call asked again gets the same
 * request, an approved one runs exactly once (the decision is consumed), and a call that differs in
 * anything needs its own approval. The model never holds anything that approves: only the app's
 * `approve(approvalId)` does.
 */
export function createApprovalStore(options: ApprovalStoreOptions) {
  const { now, ttlSeconds = 15 * 60, maxOpen = 10_000 } = options;
  const byId = new Map<string, Entry>();
  const byHash = new Map<string, Entry>();

  function forget(entry: Entry): void {
    byId.delete(entry.approvalId);
    if (byHash.get(entry.hash) === entry) byHash.delete(entry.hash);
  }

  function live(entry: Entry | undefined): Entry | undefined {
    if (entry && entry.expiresAt.getTime() <= now()) {
      forget(entry);
      return undefined;
    }
    return entry;
  }

  function decide(approvalId: string, status: 'approved' | 'denied', identifier: string | undefined, reason?: string): ToolApproval {
    const entry = typeof approvalId === 'string' ? live(byId.get(approvalId)) : undefined;
    // Another person's request is answered like an unknown one: approving is the requester's say.
    if (!entry || entry.status !== 'pending' || (identifier !== undefined && entry.identifier !== identifier)) {
      throw new OnBehalfError('APPROVAL_NOT_FOUND', 'No open approval request with this id (unknown, already decided or expired).');
    }
    entry.status = status;
    if (reason !== undefined) entry.reason = reason;
    // The decision waits as long again for the model's retry.
    entry.expiresAt = new Date(now() + ttlSeconds * 1000);
    return publicView(entry);
  }

  return {
    /**
     * The state of this exact call: approved (the approval is used up now), denied (so is the
     * denial), or pending with its request (a new one, or the open one for the same call).
     */
    check(call: { identifier: string; connection: string; account?: string | undefined; tool: string; input: unknown }): ApprovalCheck {
      const hash = canonicalCallHash(call);
      const existing = live(byHash.get(hash));
      if (existing?.status === 'approved') {
        forget(existing);
        return { kind: 'approved' };
      }
      if (existing?.status === 'denied') {
        forget(existing);
        return { kind: 'denied', reason: existing.reason };
      }
      if (existing) return { kind: 'pending', approval: publicView(existing) };
      if (byId.size >= maxOpen) {
        const oldest = byId.values().next().value;
        if (oldest) forget(oldest);
      }
      const entry: Entry = {
        approvalId: `apr_${randomBytes(16).toString('base64url')}`,
        identifier: call.identifier,
        tool: call.tool,
        connection: call.connection,
        ...(call.account !== undefined ? { account: call.account } : {}),
        input: structuredClone(call.input),
        status: 'pending',
        expiresAt: new Date(now() + ttlSeconds * 1000),
        hash,
      };
      byId.set(entry.approvalId, entry);
      byHash.set(hash, entry);
      return { kind: 'pending', approval: publicView(entry) };
    },

    /** The request behind an id, to show the person what they are asked to allow. */
    get(approvalId: string): ToolApproval | undefined {
      const entry = live(byId.get(approvalId));
      return entry ? publicView(entry) : undefined;
    },

    /** The open requests (not yet decided) of one identifier, oldest first: what an app's approvals page shows. */
    pending(identifier: string): ToolApproval[] {
      return [...byId.values()].filter((entry) => entry.identifier === identifier && entry.status === 'pending' && live(entry)).map(publicView);
    },

    approve: (approvalId: string, identifier?: string) => decide(approvalId, 'approved', identifier),
    deny: (approvalId: string, identifier?: string, reason?: string) => decide(approvalId, 'denied', identifier, reason),
  };
}

export type ApprovalStore = ReturnType<typeof createApprovalStore>;
