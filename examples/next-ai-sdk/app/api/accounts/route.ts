import { currentUser, getEnvironment } from '@/lib/onbehalf';

/** Every connection the app offers, with the signed-in user's account status on it. */
export async function GET() {
  const { ob } = await getEnvironment();
  const [connections, accounts] = await Promise.all([ob.connections.list(), ob.accounts.list({ identifier: currentUser() })]);
  const byConnection = new Map(accounts.items.map((a) => [a.connection, a]));
  return Response.json({
    connections: connections.map((c) => ({ name: c.name, provider: c.provider, status: byConnection.get(c.name)?.status ?? 'NOT_CONNECTED' })),
  });
}
