import { currentUser, getEnvironment } from '@/lib/onbehalf';
import { errorResponse } from '@/lib/error-response';

/** Revokes the signed-in user's account (at the provider too, when it can). */
export async function POST(_request: Request, { params }: { params: Promise<{ connection: string }> }) {
  const { connection } = await params;
  const { ob } = await getEnvironment();
  try {
    const account = await ob.accounts.revoke({ connection, identifier: currentUser() });
    return Response.json({ status: account.status });
  } catch (error) {
    return errorResponse(error);
  }
}
