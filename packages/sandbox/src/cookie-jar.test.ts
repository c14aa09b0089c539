import { describe, expect, it } from 'vitest';
import { createCookieJar } from './cookie-jar.ts';

const at = (path: string) => new URL(`http://127.0.0.1:1${path}`);

describe('createCookieJar', () => {
  it('sends cookies only below their path, longest path first', () => {
    const jar = createCookieJar();
    jar.store(at('/auth'), ['root=1; path=/; httponly', 'interaction=2; path=/interaction/abc; httponly; samesite=lax']);
    expect(jar.header(at('/interaction/abc'))).toBe('interaction=2; root=1');
    expect(jar.header(at('/interaction/abc/login'))).toBe('interaction=2; root=1');
    expect(jar.header(at('/interaction/abcdef'))).toBe('root=1');
    expect(jar.header(at('/token'))).toBe('root=1');
  });

  it('defaults the path to the request directory and replaces cookies by name and path', () => {
    const jar = createCookieJar();
    jar.store(at('/a/b/c'), ['x=1']);
    jar.store(at('/a/b/d'), ['x=2']);
    expect(jar.header(at('/a/b/z'))).toBe('x=2');
    expect(jar.header(at('/a'))).toBeUndefined();
  });

  it('forgets cookies that are deleted or expired', () => {
    const jar = createCookieJar();
    jar.store(at('/'), ['a=1; path=/', 'b=2; path=/', 'c=3; path=/']);
    jar.store(at('/'), ['a=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'b=2; path=/; max-age=0']);
    expect(jar.header(at('/'))).toBe('c=3');
    jar.clear();
    expect(jar.header(at('/'))).toBeUndefined();
  });
});
