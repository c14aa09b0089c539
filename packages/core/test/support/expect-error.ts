import { expect } from 'vitest';
import { OnBehalfError } from '../../src/errors.ts';

/** Awaits a promise that must reject with an OnBehalfError; returns the error. */
export async function expectOnBehalfError(promise: Promise<unknown>, code: string): Promise<OnBehalfError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error, `expected ${code}`).toBeInstanceOf(OnBehalfError);
  expect((error as OnBehalfError).code).toBe(code);
  return error as OnBehalfError;
}
