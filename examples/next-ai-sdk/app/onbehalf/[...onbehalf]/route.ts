import { toNextHandler } from '@onbehalf/next';
import { currentUser, lazyOnBehalf } from '@/lib/onbehalf';

// Authorization links and OAuth callbacks, at the `baseUrl` given to onbehalf (PUBLIC_URL/onbehalf).
// Links only proceed for the user they were made for (see README: recommended in production).
export const { GET, POST } = toNextHandler(lazyOnBehalf, { getIdentifier: () => currentUser() });
