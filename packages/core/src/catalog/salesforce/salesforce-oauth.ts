import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';
import { INSTANCE_HOST, SALESFORCE_ID } from './salesforce-hosts.ts';

const instanceHost = new RegExp(INSTANCE_HOST);
const salesforceId = new RegExp(SALESFORCE_ID);

function refuse(message: string): never {
  throw new OnBehalfError('OAUTH_ERROR', message, { details: { provider: 'salesforce' } });
}

/**
 * Every API call of a Salesforce account goes to its org's instance, named by the token response
 * (`instance_url`, not the login host). Its host is kept (checked to be a salesforce.com host, so a
 * tampered answer cannot send the token elsewhere) with the org and user ids of the identity URL
 * (`id`). None of these is secret.
 */
export function salesforceAfterConsent(ctx: AfterConsentContext): Record<string, string> {
  const { instance_url: instanceUrl, id } = ctx.tokenResponse;
  if (typeof instanceUrl !== 'string' || !URL.canParse(instanceUrl)) refuse('Salesforce sent no instance_url with the tokens.');
  const url = new URL(instanceUrl);
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || !instanceHost.test(url.hostname)) {
    refuse(`Salesforce named an instance that is not a salesforce.com host (${url.protocol === 'https:' ? url.hostname.slice(0, 100) : 'not https'}).`);
  }
  const values: Record<string, string> = { instanceHost: url.hostname };
  if (typeof id === 'string' && URL.canParse(id)) {
    const [, , orgId, userId] = new URL(id).pathname.split('/');
    if (orgId && salesforceId.test(orgId)) values.orgId = orgId;
    if (userId && salesforceId.test(userId)) values.userId = userId;
  }
  return values;
}
