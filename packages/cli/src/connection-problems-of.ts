import { connectionProblems, type Connection, type OnBehalf } from '@onbehalf/core';

/** What stops a connection from working, as the admin dashboard lists it (public configuration only). */
export function connectionProblemsOf(ob: OnBehalf, connection: Connection): string[] {
  const provider = ob.providers.get(connection.provider);
  // The provider as this connection uses it: the auth method it picked.
  const auth = provider.authMethods.find((method) => method.type === connection.authType) ?? provider.auth;
  return connectionProblems(connection, { ...provider, auth }, ob.baseUrl);
}
