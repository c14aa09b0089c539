import { describe, expect, it } from 'vitest';
import { missingToolScopes } from './account-scopes.ts';

describe('the scope check before a tool runs', () => {
  const implies = { 'https://www.googleapis.com/auth/gmail.modify': ['https://www.googleapis.com/auth/gmail.readonly'] };
  const readonly = 'https://www.googleapis.com/auth/gmail.readonly';
  const send = 'https://www.googleapis.com/auth/gmail.send';

  it('reads declared scopes as "any of", with broader scopes covering narrower ones', () => {
    expect(missingToolScopes([readonly, send], [readonly], implies)).toEqual([]);
    expect(missingToolScopes([readonly], ['https://www.googleapis.com/auth/gmail.modify'], implies)).toEqual([]);
    expect(missingToolScopes([readonly, send], ['openid', 'email'], implies)).toEqual([readonly, send]);
  });

  it('refuses nothing when the tool declares no scopes or the grant reported none', () => {
    expect(missingToolScopes([], ['openid'])).toEqual([]);
    expect(missingToolScopes([readonly], [])).toEqual([]);
  });
});
