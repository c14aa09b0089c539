import { currentUser, getEnvironment } from '@/lib/onbehalf';
import { errorResponse } from '@/lib/error-response';

/** A one-time authorization link for the signed-in user; the browser opens it. */
export async function POST(_request: Request, { params }: { params: Promise<{ connection: string }> }) {
  const { connection } = await params;
  const { ob } = await getEnvironment();
  try {
    const { link } = await ob.accounts.authorizationLink({ connection, identifier: currentUser(), returnTo: '/' });
    return Response.json({ link });
  } catch (error) {
    return errorResponse(error);
  }
}
