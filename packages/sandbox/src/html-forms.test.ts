import { describe, expect, it } from 'vitest';
import { parseForms } from './html-forms.ts';

describe('parseForms', () => {
  it('reads id, action, method, hidden fields and text inputs', () => {
    const forms = parseForms(`
      <form id="login" method="post" action="/interaction/a&amp;b/login">
        <input type="hidden" name="prompt" value="login">
        <input type="text" name="login" autofocus>
        <input type="password" name="password">
        <input type="checkbox" name="remember" checked>
        <input type="checkbox" name="other">
        <button type="submit">Sign in</button>
      </form>
      <form action='/search'><input name=q value='a &quot;b&quot;'></form>`);
    expect(forms).toEqual([
      {
        id: 'login',
        action: '/interaction/a&b/login',
        method: 'POST',
        fields: { prompt: 'login', login: '', password: '', remember: 'on' },
        textInputs: ['login', 'password'],
      },
      { action: '/search', method: 'GET', fields: { q: 'a "b"' }, textInputs: ['q'] },
    ]);
  });

  it('finds nothing in a page without forms', () => {
    expect(parseForms('<p>oops</p>')).toEqual([]);
  });
});
