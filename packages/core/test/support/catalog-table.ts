import type { ProviderAuth } from '../../src/providers/index.ts';
import type { Toolkit } from '../../src/tools/index.ts';

export const CATALOG_START = '<!-- catalog-table:start (generated from the catalog by packages/core/src/catalog/catalog-table.test.ts; UPDATE_CATALOG_TABLE=1 rewrites it) -->';
export const CATALOG_END = '<!-- catalog-table:end -->';

const METHOD_NAMES: Record<ProviderAuth['type'], string> = { oauth2: 'OAuth 2.0', oauth1: 'OAuth 1.0a', api_key: 'API key', basic: 'Basic', bearer: 'token', jwt: 'signed JWT' };

function methodLabel(method: ProviderAuth): string {
  const details: string[] = [];
  if (method.type === 'oauth2') {
    if (method.pkce === 'opt-in') details.push('PKCE when the connection sets `pkce: on`');
    else if (method.pkce !== false) details.push('PKCE');
    const required = method.fields?.filter((f) => f.required) ?? [];
    const optional = method.fields?.filter((f) => !f.required) ?? [];
    if (required.length) details.push(`asks ${required.map((f) => `\`${f.name}\``).join(', ')} first`);
    if (optional.length) details.push(`a link may give ${optional.map((f) => `\`${f.name}\``).join(', ')}`);
  }
  if ((method.type === 'oauth2' || method.type === 'oauth1') && method.afterConsent) details.push(`keeps ${(method.accountValues ?? []).map((f) => `\`${f.name}\``).join(', ') || 'values'} after consent`);
  if (method.type !== 'oauth2' && method.type !== 'oauth1' && 'fields' in method && method.fields?.length) details.push(method.fields.map((f) => `\`${f.name}\``).join(', '));
  return details.length > 0 ? `${METHOD_NAMES[method.type]} (${details.join('; ')})` : METHOD_NAMES[method.type];
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The README's provider table: per provider its auth methods (OAuth first), where to register an
 * app and the redirect URI to give there, the scopes the connection asks for by default and those
 * the tools need, the settings a connection takes, and every tool.
 */
export function renderCatalogTable(toolkits: readonly Toolkit[]): string {
  const rows = toolkits.map(({ provider, tools }) => {
    const oauth = provider.authMethods.find((m) => m.type === 'oauth2' || m.type === 'oauth1');
    const register = [
      provider.docsUrl ? `[register](${provider.docsUrl})` : '',
      oauth ? 'redirect URI `{baseUrl}/callback/{connection}`' : '',
      provider.settings?.length ? `settings ${provider.settings.map((s) => `\`${s.name}\`${s.default ? ` (default \`${s.default}\`)` : ''}`).join(', ')}` : '',
    ].filter(Boolean).join('; ');
    const defaults = oauth && 'defaultScopes' in oauth && oauth.defaultScopes?.length ? oauth.defaultScopes : [];
    const toolScopes = [...new Set(tools.flatMap((t) => t.scopes ?? []))].filter((s) => !defaults.includes(s));
    const scopes = [
      defaults.length > 0 ? `always ${defaults.map((s) => `\`${s}\``).join(' ')}` : '',
      toolScopes.length > 0 ? `tools use ${toolScopes.map((s) => `\`${s}\``).join(' ')}` : '',
    ].filter(Boolean).join('; ') || '—';
    return `| \`${provider.id}\` | ${cell(provider.authMethods.map(methodLabel).join(', '))} | ${cell(register || '—')} | ${cell(scopes)} | ${tools.map((t) => `\`${t.name}\``).join(', ') || '—'} |`;
  });
  return [CATALOG_START, '| provider | auth methods | register | scopes | tools |', '| --- | --- | --- | --- | --- |', ...rows, CATALOG_END].join('\n');
}
