/**
 * The grant bookkeeping a provider's token endpoint does, for lifecycle tests against a wire
 * server: codes issue grants, each grant has live access tokens and one refresh token, and a
 * refresh either rotates it (the one sent stops working, as at Linear and monday.com) or keeps it
 * (Asana, Google). Revoking any token of a grant ends all of it. What the answers look like on the
 * wire is the test's business; this only decides which tokens are good.
 */
export interface WireGrants {
  /** A new grant and its first pair. */
  issue(subject: string): { access: string; refresh: string };
  /** The next pair for a refresh token, or undefined when the provider would say invalid_grant. */
  refresh(refreshToken: string): { access: string; refresh: string } | undefined;
  /** The grant's subject when the access token is live. */
  subjectOf(accessToken: string): string | undefined;
  /** Ends the grant a token belongs to; false when the token is unknown or already revoked. */
  revoke(token: string): boolean;
  /** Ends every grant of a subject, as when a person removes the app at the provider. */
  revokeSubject(subject: string): void;
  /** How many refreshes were answered with a new pair. */
  readonly refreshes: number;
}

interface Grant {
  subject: string;
  access: Set<string>;
  refresh: string;
  live: boolean;
}

export function createWireGrants(options: { prefix: string; rotate: boolean; mintAccess?: (n: number, subject: string) => string }): WireGrants {
  const grants: Grant[] = [];
  let minted = 0;
  let refreshes = 0;
  const access = (subject: string) => {
    minted += 1;
    return options.mintAccess ? options.mintAccess(minted, subject) : `${options.prefix}_access_${minted}`;
  };
  const find = (token: string) => grants.find((g) => g.live && (g.refresh === token || g.access.has(token)));
  return {
    issue(subject) {
      const grant: Grant = { subject, access: new Set([access(subject)]), refresh: `${options.prefix}_refresh_${minted}`, live: true };
      grants.push(grant);
      return { access: [...grant.access][0]!, refresh: grant.refresh };
    },
    refresh(refreshToken) {
      const grant = grants.find((g) => g.live && g.refresh === refreshToken);
      if (!grant) return undefined;
      refreshes += 1;
      const next = access(grant.subject);
      if (options.rotate) {
        // The old pair stops working: only the new refresh token may be used next.
        grant.access.clear();
        grant.refresh = `${options.prefix}_refresh_${minted}`;
      }
      grant.access.add(next);
      return { access: next, refresh: grant.refresh };
    },
    subjectOf: (token) => grants.find((g) => g.live && g.access.has(token))?.subject,
    revoke(token) {
      const grant = find(token);
      if (!grant) return false;
      grant.live = false;
      return true;
    },
    revokeSubject(subject) {
      for (const grant of grants) if (grant.subject === subject) grant.live = false;
    },
    get refreshes() {
      return refreshes;
    },
  };
}
