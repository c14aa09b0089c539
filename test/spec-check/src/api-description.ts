import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a provider's requests map onto its official API description: the binding kept beside a
 * provider's fixtures as `catalog/<id>/fixtures/api-description.json`. Everything provider-specific
 * the checker knows is written here as data, so adding a provider needs no checker code.
 */
export interface ApiDescription {
  /**
   * The description file in `shared/specs` (`gmail-v1.json`); for `notion-sdk`, the SDK package.
   * Several files when the provider's generator splits one API by module (Microsoft Graph's mail
   * paths and its `sendMail`/`reply` actions): a request is checked against the file that has its
   * operation. A name starting with `./` is a file beside the binding: a description transcribed
   * from the provider's reference pages where it publishes none (Zendesk, Salesforce), with the
   * pages listed in `transcribedFrom`.
   */
  file: string | string[];
  /** The reference pages a local (`./…`) description was written from. */
  transcribedFrom?: string[];
  /**
   * `discovery`: a Google API Discovery document (it carries its own base URL);
   * `openapi`: OpenAPI 2 or 3, JSON or YAML;
   * `notion-sdk`: Notion's official SDK endpoint table (Notion publishes no description file);
   * `graphql`: a GraphQL schema (SDL) whose endpoint is `base` (Linear, monday.com).
   */
  format: 'discovery' | 'openapi' | 'notion-sdk' | 'graphql';
  /**
   * The real base URL(s) the description's paths are relative to. `{name}` stands for one host
   * label or one path segment, so `https://{site}.atlassian.net` and
   * `https://api.atlassian.com/ex/jira/{cloudId}` both reach Jira's `/rest/api/3/…` paths.
   */
  base?: string | string[];
  /**
   * How arguments travel, when not plain REST:
   * `rpc`: named arguments as query parameters, form fields or (where the method accepts JSON) JSON
   * body fields; any method may be called with POST; boolean flags may come as `1`/`0` (Slack Web API);
   * `odata`: property names are case-insensitive, `@odata.*` keys are allowed, OData options may
   * drop their `$`, actions may drop their `microsoft.graph.` namespace, and
   * `additionalProperties: {type: object}` is generator boilerplate (Microsoft Graph).
   */
  style?: 'rest' | 'rpc' | 'odata';
  /** An argument that is really the credential, sent as a header instead (`token` for Slack). */
  authArgument?: string;
  /** Path prefixes that name the same endpoints as the description's (`/me` → `/users/me` for Graph). */
  pathAliases?: Record<string, string>;
}

export const API_DESCRIPTION_FILE = 'api-description.json';

/** The files a binding names (one or several), or none when `file` is malformed. */
export function descriptionFiles(file: unknown): string[] {
  const files = Array.isArray(file) ? file : [file];
  return files.length > 0 && files.every((f) => typeof f === 'string' && f !== '') ? (files as string[]) : [];
}

const FORMATS = new Set(['discovery', 'openapi', 'notion-sdk', 'graphql']);
const STYLES = new Set(['rest', 'rpc', 'odata']);

/** Checks a parsed binding, so a typo in one fails loudly rather than checking against nothing. */
export function parseApiDescription(value: unknown, where = 'API description'): ApiDescription {
  const v = value as Partial<ApiDescription> | null;
  const bases = v?.base === undefined ? [] : Array.isArray(v.base) ? v.base : [v.base];
  const problems = [
    descriptionFiles(v?.file).length > 0 ? undefined : '"file" must name a description file',
    descriptionFiles(v?.file).some((f) => f.startsWith('./')) && !(Array.isArray(v?.transcribedFrom) && v.transcribedFrom.length > 0) ? '"transcribedFrom" must name the reference pages a local description was written from' : undefined,
    FORMATS.has(String(v?.format)) ? undefined : `"format" must be one of ${[...FORMATS].join(', ')}`,
    bases.every((b) => typeof b === 'string' && /^https:\/\//.test(b)) ? undefined : '"base" must be https URLs',
    v?.format !== 'discovery' && bases.length === 0 ? `"base" is needed for ${String(v?.format)}` : undefined,
    v?.style === undefined || STYLES.has(v.style) ? undefined : `"style" must be one of ${[...STYLES].join(', ')}`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  return v as ApiDescription;
}

/** Reads `<dir>/api-description.json`, or undefined when the folder has none; `./` files become absolute paths. */
export function loadApiDescription(dir: string): ApiDescription | undefined {
  const path = join(dir, API_DESCRIPTION_FILE);
  if (!existsSync(path)) return undefined;
  const description = parseApiDescription(JSON.parse(readFileSync(path, 'utf8')), path);
  const files = descriptionFiles(description.file).map((f) => (f.startsWith('./') ? join(dir, f) : f));
  return { ...description, file: Array.isArray(description.file) ? files : files[0]! };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function templateRegex(template: string, placeholder: string): string {
  return template.split(/\{[^}]+\}/).map(escape).join(placeholder);
}

/**
 * The path a real URL has in the description: the part after the matching base, with the path
 * aliases applied; or a problem when the URL is under none of the bases.
 */
export function toDescriptionPath(description: ApiDescription, url: URL): { path: string } | { problem: string } {
  const bases = description.base === undefined ? [] : Array.isArray(description.base) ? description.base : [description.base];
  const label = bases.join(' or ');
  const onHost = bases.filter((base) => {
    const { protocol, host } = new URL(base.replace(/\{[^}]+\}/g, 'x'));
    const hostPattern = templateRegex(base.slice(protocol.length + 2).split('/')[0] ?? host, '[^./]+');
    return url.protocol === protocol && new RegExp(`^${hostPattern}$`, 'i').test(url.host);
  });
  if (onHost.length === 0) return { problem: `host ${url.hostname} is not ${label}` };
  for (const base of onHost) {
    const basePath = base.slice(base.indexOf('/', 'https://'.length) === -1 ? base.length : base.indexOf('/', 'https://'.length));
    const m = new RegExp(`^${templateRegex(basePath.replace(/\/+$/, ''), '[^/]+')}(?=/|$)`).exec(url.pathname);
    if (!m) continue;
    let path = `/${url.pathname.slice(m[0].length).replace(/^\/+/, '')}`;
    for (const [from, to] of Object.entries(description.pathAliases ?? {})) {
      if (path === from || path.startsWith(`${from}/`)) {
        path = `${to}${path.slice(from.length)}`;
        break;
      }
    }
    return { path };
  }
  return { problem: `path ${url.pathname} is not under ${label}` };
}
