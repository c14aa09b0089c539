// oauth-sign ships no types; this is the one function the sandbox uses.
declare module 'oauth-sign' {
  /** The base64 HMAC-SHA1 signature of RFC 5849 §3.4.2 over the method, base URI and parameters. */
  export function hmacsign(httpMethod: string, baseUri: string, params: Record<string, string | string[]>, consumerSecret: string, tokenSecret?: string): string;
}
