/**
 * Where a Salesforce org signs people in: production (`login.salesforce.com`), sandboxes
 * (`test.salesforce.com`) or the org's My Domain (`acme.my.salesforce.com`,
 * `acme--uat.sandbox.my.salesforce.com`, `acme-dev-ed.develop.my.salesforce.com`). Host names only:
 * no port, path, user info or other domain can get through, so a login host given by a person
 * cannot send their credentials, or the app's client secret, anywhere else.
 */
export const LOGIN_HOST = '^(?:login\\.salesforce\\.com|test\\.salesforce\\.com|[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:--[a-zA-Z0-9-]{1,40})?(?:\\.(?:sandbox|scratch|develop|demo|trailblaze))?\\.my\\.salesforce\\.com)$';

/**
 * The org's API host from the token response's `instance_url` (`acme.my.salesforce.com`,
 * `na1.salesforce.com`): a host under salesforce.com, nothing else.
 */
export const INSTANCE_HOST = '^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+salesforce\\.com$';

/** Org and user ids (15 or 18 characters) from the identity URL `https://login.salesforce.com/id/{orgId}/{userId}`. */
export const SALESFORCE_ID = '^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$';

/** The REST API version the tools are written for (Summer '25). */
export const SALESFORCE_API_VERSION = 'v64.0';
