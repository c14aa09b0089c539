/** The official API descriptions in `<repo>/../shared/specs` and how real URLs map onto them. */

export type SpecName =
  | 'gmail'
  | 'calendar'
  | 'drive'
  | 'slack'
  | 'github'
  | 'jira'
  | 'msgraph-mail'
  | 'msgraph-calendar'
  | 'msgraph-users-actions';

export type SpecFormat = 'discovery' | 'openapi';

export interface SpecEntry {
  file: string;
  format: SpecFormat;
  /**
   * Rewrites a real URL's origin + path into the path the spec's `paths` use, or returns a problem
   * when the URL is not on this API's host. (Discovery documents carry their own rootUrl.)
   */
  toSpecPath?: (url: URL) => { path: string } | { problem: string };
  /** Microsoft Graph: property names are case-insensitive and `additionalProperties: {type: object}` is boilerplate. */
  lenientGraph?: boolean;
  /** Slack: every method takes its arguments as query, form or JSON fields; auth `token` comes as a header. */
  slack?: boolean;
}

function onHost(url: URL, hosts: string[], strip: RegExp, label: string): { path: string } | { problem: string } {
  if (!hosts.some((h) => (h.startsWith('*.') ? url.hostname.endsWith(h.slice(1)) : url.hostname === h))) {
    return { problem: `host ${url.hostname} is not ${label}` };
  }
  const m = strip.exec(url.pathname);
  if (!m) return { problem: `path ${url.pathname} is not under ${label}` };
  return { path: `/${url.pathname.slice(m[0].length).replace(/^\/+/, '')}` };
}

export const SPEC_CATALOG: Record<SpecName, SpecEntry> = {
  gmail: { file: 'gmail-v1.json', format: 'discovery' },
  calendar: { file: 'calendar-v3.json', format: 'discovery' },
  drive: { file: 'drive-v3.json', format: 'discovery' },
  slack: {
    file: 'slack-web-openapi.json', format: 'openapi', slack: true,
    toSpecPath: (url) => onHost(url, ['slack.com'], /^\/api(?=\/)/, 'https://slack.com/api'),
  },
  github: {
    file: 'github-api.json', format: 'openapi',
    toSpecPath: (url) => onHost(url, ['api.github.com'], /^/, 'https://api.github.com'),
  },
  jira: {
    file: 'jira-platform.json', format: 'openapi',
    // Site URLs (`https://acme.atlassian.net/rest/api/3/…`) and OAuth 2.0 (3LO) URLs
    // (`https://api.atlassian.com/ex/jira/{cloudId}/rest/api/3/…`) address the same operations.
    toSpecPath: (url) => (url.hostname === 'api.atlassian.com'
      ? onHost(url, ['api.atlassian.com'], /^\/ex\/jira\/[^/]+(?=\/rest\/)/, 'https://api.atlassian.com/ex/jira/{cloudId}')
      : onHost(url, ['*.atlassian.net', '*.jira.com'], /^(?=\/rest\/)/, 'https://{site}.atlassian.net')),
  },
  'msgraph-mail': { file: 'msgraph-v1.0-mail.yml', format: 'openapi', lenientGraph: true, toSpecPath: graphPath },
  'msgraph-calendar': { file: 'msgraph-v1.0-calendar.yml', format: 'openapi', lenientGraph: true, toSpecPath: graphPath },
  'msgraph-users-actions': { file: 'msgraph-v1.0-users-actions.yml', format: 'openapi', lenientGraph: true, toSpecPath: graphPath },
};

/** Graph documents `/users/{user-id}/…`; `/me/…` is the same endpoint for the signed-in user. */
function graphPath(url: URL): { path: string } | { problem: string } {
  const result = onHost(url, ['graph.microsoft.com'], /^\/v1\.0(?=\/)/, 'https://graph.microsoft.com/v1.0');
  if ('problem' in result) return result;
  return { path: result.path.replace(/^\/me(?=\/|$)/, '/users/me') };
}
