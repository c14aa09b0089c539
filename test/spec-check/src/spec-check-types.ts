export interface SpecCheckRequest {
  method: string;
  /** The full real URL, e.g. `https://gmail.googleapis.com/gmail/v1/users/me/messages?q=is:unread`. */
  url: string;
  /** Parsed JSON, or form fields as an object. */
  body?: unknown;
  /** `application/json` or `application/x-www-form-urlencoded`; lets the Slack check verify a method accepts JSON. */
  contentType?: string;
}

export interface SpecCheckResult {
  ok: boolean;
  /** Discovery method id (`gmail.users.messages.list`) or OpenAPI operationId (`repos/list-for-authenticated-user`). */
  operation?: string;
  problems: string[];
}
