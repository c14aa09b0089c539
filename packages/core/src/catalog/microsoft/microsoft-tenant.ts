import type { CredentialField } from '../../providers/index.ts';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A verified domain of a tenant (`contoso.onmicrosoft.com`, `contoso.com`): a host name. */
const DOMAIN = '(?=.{1,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}';

/**
 * The `{tenant}` segment of the identity platform's URLs, per connection. It must match the app
 * registration's supported account types or sign-in fails (AADSTS50194 and friends): `common`
 * (work/school and personal accounts), `organizations` (work/school only), `consumers` (personal
 * only), or one tenant's id or verified domain for a single-tenant app.
 */
export function tenantSetting(options: { workOrSchoolOnly?: boolean } = {}): CredentialField {
  // Teams has no personal-account data: a connection that names `consumers` is refused up front.
  const kinds = options.workOrSchoolOnly ? 'common|organizations' : 'common|organizations|consumers';
  return {
    name: 'tenant',
    label: 'Microsoft Entra tenant',
    default: 'common',
    pattern: `^(?:${kinds}|${GUID}|${DOMAIN})$`,
    placeholder: 'common',
    help: options.workOrSchoolOnly
      ? "common, organizations, a tenant id or a verified domain. Teams works only with work or school accounts, so 'consumers' (personal accounts) is refused."
      : 'common (work/school and personal accounts), organizations, consumers, a tenant id or a verified domain: as the app registration\'s supported account types.',
  };
}

/** The tenant id of personal Microsoft accounts (the `tid` of every MSA token). */
export const PERSONAL_ACCOUNTS_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';
