import { OnBehalfError } from '../../errors.ts';
import type { JwtAuth } from '../../providers/index.ts';

const TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The parts of a service-account JSON key (IAM → Service accounts → Keys → JSON) the assertion uses. */
interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
}

function readKey(text: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey> & { type?: unknown };
  try {
    key = JSON.parse(text) as typeof key;
  } catch {
    throw new OnBehalfError('INVALID_CREDENTIALS', 'serviceAccountKey must be the JSON key file of a Google service account.', { details: { field: 'serviceAccountKey' } });
  }
  if (!key || typeof key !== 'object' || (key.type !== undefined && key.type !== 'service_account') || typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new OnBehalfError('INVALID_CREDENTIALS', 'serviceAccountKey must be a service account key (type service_account, with client_email and private_key).', { details: { field: 'serviceAccountKey' } });
  }
  return { client_email: key.client_email, private_key: key.private_key, ...(typeof key.private_key_id === 'string' ? { private_key_id: key.private_key_id } : {}) };
}

/**
 * A Google service account with domain-wide delegation, for Workspace users who never see a
 * consent screen: the Workspace admin has granted the service account's client ID the scopes
 * (Admin console → Security → API controls → Domain-wide delegation). The account holds the
 * JSON key and `subject`, the user to act as; each token is an RFC 7523 exchange of an RS256
 * assertion (`iss` the service account, `sub` the user, `scope`, `aud` the token endpoint, one
 * hour at most) at Google's token endpoint. The key lives on the account rather than the
 * connection so that each customer's key is sealed with its own row: with delegation, a key can
 * act as anyone in its domain.
 */
export function googleServiceAccount(scopes: string[]): JwtAuth {
  return {
    type: 'jwt',
    tokenUrl: TOKEN_URL,
    defaultScopes: scopes,
    fields: [
      { name: 'serviceAccountKey', label: 'Service account key (JSON)', required: true, secret: true, help: 'The JSON key of a service account that the Workspace admin granted domain-wide delegation.' },
      { name: 'subject', label: 'Workspace user to act as', required: true, pattern: '^[^\\s@]+@[^\\s@]+$', placeholder: 'alice@example.com' },
    ],
    assertion: ({ values, tokenUrl, scopes: granted, now }) => {
      const key = readKey(values.serviceAccountKey ?? '');
      return {
        privateKey: key.private_key,
        algorithm: 'RS256',
        ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
        claims: { iss: key.client_email, sub: values.subject, scope: granted.join(' '), aud: tokenUrl ?? TOKEN_URL, iat: now, exp: now + 3600 },
      };
    },
  };
}
