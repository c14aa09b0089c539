import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

/** One entry of `GET /oauth/token/accessible-resources`: a site the token may act on. */
interface AccessibleResource {
  id: string;
  url: string;
  name?: string;
  scopes?: string[];
}

/**
 * Atlassian's gateway origin: the API base URL up to `/ex/jira/` (`https://api.atlassian.com`, or
 * a sandbox standing in for it through the connection's `endpoints.apiBaseUrl`).
 */
function gatewayOf(apiBaseUrl: string): string {
  const at = apiBaseUrl.indexOf('/ex/jira/');
  return at === -1 ? 'https://api.atlassian.com' : apiBaseUrl.slice(0, at);
}

/**
 * After consent: which Jira site this account acts on. An Atlassian token covers every site the
 * person granted; the API needs one `cloudId`. The link's `site` field picks it by name; a person
 * with a single site needs no choice; several sites and no choice is refused with the names, so
 * the app can send a link with `fields: { site }` instead of silently acting on the wrong site.
 */
export async function chooseJiraSite({ fetch, values, apiBaseUrl }: AfterConsentContext): Promise<Record<string, string>> {
  const response = await fetch(`${gatewayOf(apiBaseUrl)}/oauth/token/accessible-resources`);
  if (!response.ok) {
    throw new OnBehalfError('PROVIDER_API_ERROR', `Atlassian did not list the sites this authorization covers (HTTP ${response.status}).`, { retryable: response.status >= 500, details: { provider: 'jira', status: response.status } });
  }
  const sites = ((await response.json()) as AccessibleResource[]).filter((site) => typeof site?.id === 'string' && typeof site?.url === 'string');
  const wanted = values.site?.toLowerCase();
  const chosen = wanted ? sites.find((site) => new URL(site.url).hostname.split('.')[0]!.toLowerCase() === wanted) : sites.length === 1 ? sites[0] : undefined;
  if (!chosen) {
    const names = sites.map((site) => new URL(site.url).hostname.split('.')[0]).join(', ') || 'none';
    const message = sites.length === 0
      ? 'This Atlassian account granted access to no Jira site.'
      : wanted
        ? `This Atlassian authorization does not cover the Jira site '${wanted}' (it covers: ${names}).`
        : `This Atlassian account has several Jira sites (${names}): connect again with a link that names one (fields: { site }).`;
    throw new OnBehalfError('INVALID_INPUT', message, { details: { provider: 'jira', sites: sites.length } });
  }
  return { cloudId: chosen.id, siteUrl: new URL(chosen.url).origin };
}
