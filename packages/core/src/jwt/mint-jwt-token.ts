import * as client from 'openid-client';
import { OnBehalfError } from '../errors.ts';
import type { JwtToken, Provider } from '../providers/index.ts';
import { buildAssertion, jwtAuthOf, keyFieldOf } from './jwt-credentials.ts';
import { signAssertion } from './sign-assertion.ts';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface MintJwtTokenOptions {
  /** The provider as the connection uses it (its `auth` is the jwt method). */
  provider: Provider;
  /** The account's credential values, the key among them. */
  values: Record<string, string>;
  /** The connection's scopes (the method's default ones are added). */
  scopes: string[];
  /** The connection's `endpoints.tokenUrl`, when it moves the token endpoint. */
  tokenUrl?: string;
  apiBaseUrl: string;
  timeoutMs: number;
  /** Milliseconds since the epoch. */
  now: number;
}

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * How a failed mint is told apart: the provider refusing the assertion (a wrong key, a revoked
 * key, delegation not granted: no retry helps, the account needs attention) from an outage (no
 * answer, 5xx, 429: try again later). Messages carry the provider's error code and description,
 * never the assertion.
 */
export function jwtMintFailure(options: { rejected: boolean; message: string; httpStatus?: number; network?: boolean }): OnBehalfError {
  const kind = options.rejected ? 'rejected' : options.network ? 'network' : 'server';
  return new OnBehalfError('REFRESH_FAILED', options.message, {
    retryable: !options.rejected,
    details: { kind, ...(options.httpStatus !== undefined ? { httpStatus: options.httpStatus } : {}) },
  });
}

function classify(error: unknown, where: string): OnBehalfError {
  if (error instanceof OnBehalfError) return error;
  if (error instanceof client.ResponseBodyError) {
    const code = String(error.error).replace(/[^\w.-]/g, '').slice(0, 64);
    const description = error.error_description ? `: ${String(error.error_description).replace(/[\u0000-\u001f]/g, ' ').slice(0, 300)}` : '';
    const outage = error.status >= 500 || error.status === 429 || code === 'temporarily_unavailable';
    return jwtMintFailure({ rejected: !outage, message: `${where} refused the assertion: ${code} (HTTP ${error.status})${description}`, httpStatus: error.status });
  }
  const status = (error as { cause?: { status?: unknown } } | null)?.cause?.status;
  if (typeof status === 'number') return jwtMintFailure({ rejected: false, message: `${where} sent an unexpected response (HTTP ${status})`, httpStatus: status });
  return jwtMintFailure({ rejected: false, network: true, message: `${where} could not be reached` });
}

/** RFC 7523: the assertion authenticates the request, so no other client authentication is sent. */
const assertionOnly: client.ClientAuth = () => {};

/**
 * Signs a fresh assertion for the account and turns it into an access token: the RFC 7523 grant
 * at the token endpoint (openid-client's generic grant request), the provider's own exchange, or
 * the assertion itself as the bearer.
 */
export async function mintJwtToken(options: MintJwtTokenOptions): Promise<JwtToken> {
  const auth = jwtAuthOf(options.provider);
  const exchange = auth.exchange ?? 'jwt-bearer';
  const tokenUrl = exchange === 'jwt-bearer' ? (options.tokenUrl ?? auth.tokenUrl) : undefined;
  const scopes = [...new Set([...(auth.defaultScopes ?? []), ...options.scopes])];
  const nowSeconds = Math.floor(options.now / 1000);
  const assertion = buildAssertion(auth, { values: options.values, tokenUrl, scopes, now: nowSeconds });
  const signed = await signAssertion(assertion, nowSeconds, keyFieldOf(auth));

  if (exchange === 'assertion') return { accessToken: signed.jwt, tokenType: 'Bearer', expiresAt: signed.expiresAt, scopes };
  if (typeof exchange === 'function') {
    const timeoutMs = options.timeoutMs;
    try {
      return await exchange({
        assertion: signed.jwt,
        values: options.values,
        apiBaseUrl: options.apiBaseUrl,
        fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs) }),
      });
    } catch (error) {
      throw classify(error, `${options.provider.name}'s token exchange`);
    }
  }

  const config = new client.Configuration(
    { issuer: new URL(tokenUrl!).origin, token_endpoint: tokenUrl! },
    String(assertion.claims.iss ?? options.provider.id),
    undefined,
    assertionOnly,
  );
  if (tokenUrl!.startsWith('http:')) {
    if (!isLoopback(tokenUrl!)) throw new OnBehalfError('CONFIGURATION_ERROR', `The ${options.provider.name} token URL must use https.`);
    client.allowInsecureRequests(config);
  }
  config.timeout = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  let answer: Awaited<ReturnType<typeof client.genericGrantRequest>>;
  try {
    answer = await client.genericGrantRequest(config, JWT_BEARER_GRANT, { assertion: signed.jwt, ...(scopes.length > 0 && !('scope' in assertion.claims) ? { scope: scopes.join(' ') } : {}) });
  } catch (error) {
    throw classify(error, `${options.provider.name}'s token endpoint`);
  }
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : undefined;
  return {
    accessToken: answer.access_token,
    tokenType: answer.token_type && answer.token_type.toLowerCase() !== 'bearer' ? answer.token_type : 'Bearer',
    expiresAt: expiresIn === undefined ? null : options.now + expiresIn * 1000,
    scopes: typeof answer.scope === 'string' ? answer.scope.split(' ').filter(Boolean) : scopes,
  };
}
