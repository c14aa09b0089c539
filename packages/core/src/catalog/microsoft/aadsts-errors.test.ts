import { describe, expect, it } from 'vitest';
import { microsoftTokenError } from './aadsts-errors.ts';

const body = (error: string, code: number, description = `AADSTS${code}: something`) => ({ error, error_description: `${description}\r\nTrace ID: 0b4e\r\nTimestamp: 2025-03-12 10:00:00Z`, error_codes: [code] });

describe('microsoftTokenError', () => {
  it('reads the AADSTS code into the status it calls for, with a reason that says who acts', () => {
    expect(microsoftTokenError(body('invalid_grant', 700082))).toEqual({ error: 'invalid_grant', error_description: expect.stringContaining('90 days') });
    expect(microsoftTokenError(body('invalid_grant', 70008))).toMatchObject({ error: 'invalid_grant' });
    expect(microsoftTokenError(body('invalid_grant', 50173))).toMatchObject({ error: 'invalid_grant' });
    expect(microsoftTokenError(body('interaction_required', 70043))).toMatchObject({ error: 'invalid_grant' });
    expect(microsoftTokenError(body('invalid_client', 7000222))).toEqual({ error: 'invalid_client', error_description: expect.stringContaining("client secret has expired") });
    expect(microsoftTokenError(body('invalid_client', 7000215))).toMatchObject({ error: 'invalid_client' });
  });

  it('finds the code in the description when error_codes is missing, and leaves other answers alone', () => {
    expect(microsoftTokenError({ error: 'invalid_client', error_description: 'AADSTS7000222: The provided client secret keys for app are expired.' })).toMatchObject({ error: 'invalid_client' });
    // A transient server error (AADSTS50196 loop detection, 90033 throttling) is not a verdict on the grant.
    expect(microsoftTokenError(body('temporarily_unavailable', 90033))).toBeUndefined();
    expect(microsoftTokenError({ error: 'invalid_request' })).toBeUndefined();
    expect(microsoftTokenError({})).toBeUndefined();
  });
});
