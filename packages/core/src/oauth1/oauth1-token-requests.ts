import { OAuthFailure, scrub } from '../oauth/index.ts';
import { signOAuth1Request, type OAuth1Consumer, type OAuth1Token } from './oauth1-signer.ts';

export interface OAuth1Endpoints {
  requestTokenUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
}

interface TokenRequestOptions {
  consumer: OAuth1Consumer;
  timeoutMs: number;
  details: Record<string, unknown>;
}

/** Credentials a token endpoint answered with (RFC 5849 §2.1, §2.3), and the rest of its form. */
export interface OAuth1TokenAnswer extends OAuth1Token {
  extra: Record<string, string>;
}

/**
 * One signed POST to a token endpoint, answered with a form-encoded body. A refusal is an
 * OAuthFailure that names the provider's `oauth_problem` (RFC 5849's problem reporting) or a
 * short, scrubbed piece of its text, never the tokens sent.
 */
async function postSigned(url: string, operation: string, options: TokenRequestOptions & { token?: OAuth1Token; oauthParams: Record<string, string>; refusal: 'invalid_grant' | 'invalid_client' }): Promise<OAuth1TokenAnswer> {
  const target = new URL(url);
  const authorization = signOAuth1Request(options.consumer, { method: 'POST', url: target, token: options.token, oauthParams: options.oauthParams });
  let response: Response;
  try {
    response = await fetch(target, { method: 'POST', headers: { authorization, accept: 'application/x-www-form-urlencoded, text/plain' }, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) });
  } catch {
    throw new OAuthFailure('OAUTH_ERROR', `${operation} failed: the provider could not be reached`, 'network', undefined, options.details);
  }
  const text = await response.text().catch(() => '');
  const form = new URLSearchParams(text);
  if (!response.ok) {
    const problem = form.get('oauth_problem') ?? undefined;
    const said = problem ?? (text.trim() ? scrub(text.trim(), 120) : undefined);
    const kind = response.status >= 500 ? 'server' : response.status === 400 || response.status === 401 ? options.refusal : 'other';
    throw new OAuthFailure('OAUTH_ERROR', `${operation} failed: the provider answered HTTP ${response.status}${said ? `: ${said}` : ''}`, kind, problem ? scrub(problem, 64) : options.refusal, { ...options.details, httpStatus: response.status });
  }
  const key = form.get('oauth_token');
  const secret = form.get('oauth_token_secret');
  if (!key || secret === null) {
    throw new OAuthFailure('OAUTH_ERROR', `${operation} failed: the provider's answer has no oauth_token and oauth_token_secret`, 'invalid_response', undefined, options.details);
  }
  const extra = Object.fromEntries([...form].filter(([name]) => name !== 'oauth_token' && name !== 'oauth_token_secret'));
  return { key, secret, extra };
}

/**
 * Temporary credentials (the request token) for one authorization, with the callback it must
 * come back to. RFC 5849 requires `oauth_callback_confirmed=true`: a server that does not confirm
 * the callback speaks OAuth 1.0 without the `a`, whose tokens can be fixed by an attacker.
 */
export async function requestTemporaryToken(endpoints: OAuth1Endpoints, callbackUrl: string, options: TokenRequestOptions): Promise<OAuth1Token> {
  const answer = await postSigned(endpoints.requestTokenUrl, 'The request token', { ...options, oauthParams: { oauth_callback: callbackUrl }, refusal: 'invalid_client' });
  if (answer.extra.oauth_callback_confirmed !== 'true') {
    throw new OAuthFailure('OAUTH_ERROR', 'The request token failed: the provider did not confirm the callback (oauth_callback_confirmed), so it does not speak OAuth 1.0a', 'invalid_response', undefined, options.details);
  }
  return { key: answer.key, secret: answer.secret };
}

/** The access token and secret for an authorized request token and its verifier (RFC 5849 §2.3). */
export function exchangeVerifier(endpoints: OAuth1Endpoints, temporary: OAuth1Token, verifier: string, options: TokenRequestOptions): Promise<OAuth1TokenAnswer> {
  return postSigned(endpoints.tokenUrl, 'The access token exchange', { ...options, token: temporary, oauthParams: { oauth_verifier: verifier }, refusal: 'invalid_grant' });
}
