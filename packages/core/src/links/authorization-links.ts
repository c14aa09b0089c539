import { createHmac } from 'node:crypto';
import { OnBehalfError } from '../errors.ts';
import { resolveReturnTo } from './return-to.ts';
import type { Runtime } from '../runtime.ts';
import { hashToken, newId, newSecretToken, type LinkRow, type LinksRepository } from '../store/index.ts';
import type { AccountInternals, AccountService, ConnectedAccount } from '../accounts/index.ts';
import { checkFieldValues, providerPlaceholders } from '../providers/index.ts';
import type { IdentifierType } from '../account-status.ts';
import type { AccountRow } from '../store/index.ts';

export interface AuthorizationLinkOptions {
  connection: string;
  identifier: string;
  /** Which of the identifier's accounts on the connection ('default' when left out); created PENDING if new. */
  alias?: string;
  identifierType?: IdentifierType;
  /**
   * Consent may connect another provider identity than the one the account already has. Without
   * it such a consent is refused (ACCOUNT_IDENTITY_MISMATCH) and the account keeps its tokens: an
   * alias stays bound to one provider account unless the app means to change that.
   */
  replace?: boolean;
  /** Where to send the person afterwards; must be on the same origin as baseUrl. */
  returnTo?: string;
  /**
   * Extra scopes for this authorization, on top of the connection's: a scope upgrade of an ACTIVE
   * account. The new grant replaces the old one only when consent succeeds.
   */
  scopes?: string[];
  /** Seconds the link stays valid. Default 900 (15 minutes), at most 7 days. */
  expiresIn?: number;
  /**
   * Hand out again a link made with `reuse` for the same account, returnTo and scopes that is
   * still unused and valid for at least half of `expiresIn`, instead of minting another (what
   * tools do each time they find the account unconnected). Default false.
   */
  reuse?: boolean;
  /**
   * Values the provider needs before consent (Zendesk's `subdomain`, Salesforce's `loginHost`),
   * checked against the provider's fields. Missing required ones are asked for on the hosted page.
   */
  fields?: Record<string, string>;
}

export interface AuthorizationLink {
  link: string;
  expiresAt: Date;
}

const DEFAULT_EXPIRES_IN = 15 * 60;
const MAX_EXPIRES_IN = 7 * 24 * 3600;

export function requireBaseUrl(runtime: Runtime): string {
  if (!runtime.baseUrl) {
    throw new OnBehalfError('CONFIGURATION_ERROR', 'baseUrl is not set: authorization links and OAuth callbacks need the public URL where the handler is mounted.');
  }
  return runtime.baseUrl;
}

/** One-time links that send a person through consent for one (connection, identifier). */
export function createAuthorizationLinks(runtime: Runtime, accounts: AccountService, internals: AccountInternals, links: LinksRepository) {
  /**
   * The token of a reusable link: an HMAC of its id under a secret derived from the current key,
   * so it can be handed out again while the database still holds only its hash (a database
   * leak without the key reveals no live link). 256 bits, like a random token.
   */
  const linkSecret = runtime.vault.deriveSecret('authorization-link');
  const reusableToken = (linkId: string) => createHmac('sha256', linkSecret).update(linkId).digest('base64url');

  /** The link's pre-consent fields as stored (JSON), checked now so a bad value never reaches a URL. */
  function checkLinkFields(account: ConnectedAccount, given: Record<string, string> | undefined): string | null {
    if (given === undefined) return null;
    if (!given || typeof given !== 'object' || Array.isArray(given)) throw new OnBehalfError('INVALID_INPUT', 'fields must be an object of strings.');
    const provider = runtime.providers.get(account.provider);
    const method = provider.authMethods.find((m) => m.type === account.authType);
    const declared = method?.type === 'oauth2' ? (method.fields ?? []) : [];
    const { values, problems } = checkFieldValues(provider, declared.map((field) => ({ ...field, required: false })), given, providerPlaceholders(provider));
    if (problems.length > 0) {
      throw new OnBehalfError('INVALID_INPUT', `Invalid fields for ${provider.id}: ${problems.join('; ')}.`, { details: { connection: account.connection, problems } });
    }
    return JSON.stringify(values);
  }

  return {
    async create(options: AuthorizationLinkOptions): Promise<AuthorizationLink> {
      const baseUrl = requireBaseUrl(runtime);
      const expiresIn = options.expiresIn ?? DEFAULT_EXPIRES_IN;
      if (!Number.isFinite(expiresIn) || expiresIn <= 0 || expiresIn > MAX_EXPIRES_IN) {
        throw new OnBehalfError('INVALID_INPUT', `expiresIn must be between 1 and ${MAX_EXPIRES_IN} seconds.`);
      }
      if (options.scopes !== undefined && (!Array.isArray(options.scopes) || options.scopes.some((s) => typeof s !== 'string' || /\s/.test(s)))) {
        throw new OnBehalfError('INVALID_INPUT', 'scopes must be an array of scope strings.');
      }
      if (options.replace !== undefined && typeof options.replace !== 'boolean') throw new OnBehalfError('INVALID_INPUT', 'replace must be a boolean.');
      const returnTo = resolveReturnTo(options.returnTo, baseUrl);
      const account = await accounts.getOrCreate(options);
      const fields = checkLinkFields(account, options.fields);
      const scopes = options.scopes ? JSON.stringify(options.scopes) : null;
      const now = runtime.now();
      const lifetime = Math.round(expiresIn * 1000);
      const toLink = (token: string, expiresAt: number): AuthorizationLink => ({ link: `${baseUrl}/authorize/${token}`, expiresAt: new Date(expiresAt) });
      if (options.reuse && !fields && !options.replace) {
        for (const live of await links.listReusable(account.id, { returnTo, scopes, validAfter: now + lifetime / 2 })) {
          // Only a link whose token this key ring can recompute: one minted with `reuse` under the current key.
          const token = reusableToken(live.id);
          if (hashToken(token) === live.token_hash) return toLink(token, Number(live.expires_at));
        }
      }
      const id = newId('lnk');
      const token = options.reuse ? reusableToken(id) : newSecretToken();
      const expiresAt = now + lifetime;
      await links.insert({
        id,
        token_hash: hashToken(token),
        account_id: account.id,
        connection_name: account.connection,
        identifier: account.identifier,
        return_to: returnTo,
        scopes,
        fields,
        replace_identity: options.replace ? 1 : 0,
        expires_at: expiresAt,
        used_at: null,
        created_at: now,
      });
      return toLink(token, expiresAt);
    },

    /**
     * The link behind a token, if it may still be used: known, unexpired, not yet used for a
     * completed authorization, bound to the signed-in identifier when the app says who that is.
     */
    async open(token: string, signedIn: { identifier?: string | number | null }): Promise<{ link: LinkRow; account: AccountRow }> {
      const link = typeof token === 'string' && token.length >= 32 ? await links.findByHash(hashToken(token)) : undefined;
      if (!link) throw new OnBehalfError('LINK_NOT_FOUND', 'This authorization link is not valid.');
      if (link.used_at !== null) throw new OnBehalfError('LINK_USED', 'This authorization link has already been used. Ask for a new one.');
      if (Number(link.expires_at) <= runtime.now()) throw new OnBehalfError('LINK_EXPIRED', 'This authorization link has expired. Ask for a new one.');
      if ('identifier' in signedIn) checkSignedIn(signedIn.identifier, link);
      const account = await internals.findRow({ id: link.account_id });
      if (account.status === 'SUSPENDED') throw new OnBehalfError('ACCOUNT_SUSPENDED', 'This account is suspended and cannot be connected right now.');
      return { link, account };
    },

    /**
     * Marks the link used for the authorization completing through it, in one conditional write:
     * the claim's time, or null when another completion already used the link.
     */
    async claim(linkId: string): Promise<number | null> {
      const claimedAt = runtime.now();
      return (await links.markUsed(linkId, claimedAt)) ? claimedAt : null;
    },

    /** Whether consent through this link may connect another provider identity (`replace: true`). */
    async replacesIdentity(linkId: string): Promise<boolean> {
      return (await links.findById(linkId))?.replace_identity === 1;
    },

    /** Gives a claim back when what it was taken for could not be done. */
    release: (linkId: string, claimedAt: number) => links.release(linkId, claimedAt),
  };
}

/**
 * The app's `getIdentifier` answer against the link's identifier. Nobody signed in is its own case
 * (a 401 asking to sign in), not "another user". Identifiers are stored as strings, so a number
 * (a numeric user id) is compared as the string it would have been stored as; any other type is
 * the app's mistake, refused as such rather than taken for a stranger.
 */
function checkSignedIn(identifier: unknown, link: LinkRow): void {
  if (identifier === undefined || identifier === null || identifier === '') {
    throw new OnBehalfError('SIGN_IN_REQUIRED', 'Sign in first, then open this link again.', { details: { connection: link.connection_name } });
  }
  const asStored = typeof identifier === 'number' && Number.isFinite(identifier) ? String(identifier) : identifier;
  if (typeof asStored !== 'string') {
    throw new OnBehalfError('CONFIGURATION_ERROR', `getIdentifier returned a ${typeof identifier}; it must return the signed-in user's identifier as a string (or a number), or null when nobody is signed in.`);
  }
  if (asStored !== link.identifier) {
    throw new OnBehalfError('IDENTIFIER_MISMATCH', 'This link was made for another user. Sign in as that user, or ask for a link of your own.', {
      details: { connection: link.connection_name },
    });
  }
}

export type AuthorizationLinks = ReturnType<typeof createAuthorizationLinks>;
