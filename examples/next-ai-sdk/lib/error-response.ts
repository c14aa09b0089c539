import { isOnBehalfError } from '@onbehalf/core';

/** onbehalf errors carry a safe message and an HTTP status; anything else is a plain 500. */
export function errorResponse(error: unknown): Response {
  if (isOnBehalfError(error)) return Response.json({ error: error.code, message: error.message }, { status: error.status });
  console.error(error);
  return Response.json({ error: 'INTERNAL_ERROR' }, { status: 500 });
}
