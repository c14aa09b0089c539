/**
 * A value a recording cannot pin exactly, written `{ "$match": … }` in its place:
 * - `any`: present, with any value (ids or cursors a tool passes through unchanged from elsewhere);
 * - `date-time`: an RFC 3339 date-time with `Z` or an offset (a tool's "now", like Calendar's default `timeMin`);
 * - `base64url` with `text`: base64url whose decoded UTF-8 is exactly `text` (Gmail's `raw`
 *   message), so the recording stays readable and still exact.
 */
export type ReplayMatcher =
  | { $match: 'any' }
  | { $match: 'date-time' }
  | { $match: 'base64url'; text: string };

export type ReplayQueryValue = string | string[] | ReplayMatcher;

/** The request a tool must send, as recorded. Every field is matched exactly unless it holds a matcher. */
export interface ReplayRequest {
  method: string;
  /** Relative to the provider's API base (`/chat.postMessage` for `https://slack.com/api`), without the query. */
  path: string;
  /** Every query parameter, no more and no fewer; an array for a repeated one (in order). */
  query?: Record<string, ReplayQueryValue>;
  /** The JSON body; the request must be sent as JSON. */
  body?: unknown;
  /** Form fields; the request must be sent as `application/x-www-form-urlencoded`. */
  form?: Record<string, ReplayQueryValue>;
  /** A raw body, exactly (a file's content uploaded as `text/plain`, say); not JSON or a form. */
  text?: string;
  /** Headers that must be there with these values (names case-insensitive); others are not looked at. */
  headers?: Record<string, string | ReplayMatcher>;
}

/** The provider's answer, as it documents it. */
export interface ReplayResponse {
  /** Default 200. */
  status?: number;
  /** Default `content-type: application/json; charset=utf-8` when there is a body. */
  headers?: Record<string, string>;
  /** Sent as JSON; no body when absent. */
  body?: unknown;
  /** Sent as it is instead (`text/plain` unless `headers` says otherwise): a file's content. */
  text?: string;
}

export interface ReplayExchange {
  request: ReplayRequest;
  response: ReplayResponse;
  /**
   * Neighbouring `unordered` exchanges may arrive in any order among themselves: a tool that reads
   * several messages concurrently sends them on parallel connections.
   */
  unordered?: boolean;
}

/** A request as the replay server received it. */
export interface ReplayReceived {
  method: string;
  /** Relative to the API base, as in the recording. */
  path: string;
  /** The query string as sent, with its `?` (empty when none). */
  search: string;
  headers: Record<string, string | string[] | undefined>;
  contentType: string | undefined;
  /** Parsed JSON, form fields as an object, other text as a string, or undefined when empty. */
  body: unknown;
  /** 1-based number of the recorded exchange that answered it, undefined when none did. */
  exchange: number | undefined;
}
