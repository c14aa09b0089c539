import { OnBehalfError } from '../errors.ts';
import type { JwtAssertion, JwtAuth, Provider } from '../providers/index.ts';
import { signAssertion } from './sign-assertion.ts';

/** The jwt method of a provider view, or a typed refusal. */
export function jwtAuthOf(provider: Provider): JwtAuth {
  if (provider.auth.type !== 'jwt') throw new OnBehalfError('CONFIGURATION_ERROR', `Provider '${provider.id}' does not use signed JWTs.`);
  return provider.auth;
}

/** The name of the field that holds the key, for messages (the first secret field). */
export function keyFieldOf(auth: JwtAuth): string {
  return auth.fields.find((field) => field.secret)?.name ?? 'privateKey';
}

/**
 * Builds the assertion from the account's values. A builder that fails on what it was given (a
 * service-account JSON that does not parse) throws its own INVALID_CREDENTIALS; anything else it
 * throws is reported without its message, which could quote the value.
 */
export function buildAssertion(auth: JwtAuth, context: Parameters<JwtAuth['assertion']>[0]): JwtAssertion {
  try {
    return auth.assertion(context);
  } catch (error) {
    if (error instanceof OnBehalfError) throw error;
    throw new OnBehalfError('INVALID_CREDENTIALS', `The ${keyFieldOf(auth)} credentials could not be read.`, { details: { field: keyFieldOf(auth) } });
  }
}

/**
 * Checks jwt credentials before they are stored: the key is read and one assertion is signed
 * locally (nothing is sent), so a wrong or truncated key fails at setCredentials with a typed error,
 * not at the first tool call.
 */
export async function checkJwtCredentials(provider: Provider, values: Record<string, string>, nowSeconds: number): Promise<void> {
  const auth = jwtAuthOf(provider);
  const assertion = buildAssertion(auth, { values, tokenUrl: auth.tokenUrl, scopes: auth.defaultScopes ?? [], now: nowSeconds });
  await signAssertion(assertion, nowSeconds, keyFieldOf(auth));
}
