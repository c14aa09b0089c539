/**
 * The addresses in a header value (`"Ann, B." <ann@example.com>, bob@example.com`), quoted
 * display names and comments skipped, each once.
 */
export function addressesIn(header: string | undefined): string[] {
  if (!header) return [];
  const found: string[] = [];
  const text = header.replace(/"(?:[^"\\]|\\.)*"/g, '').replace(/\((?:[^()\\]|\\.)*\)/g, '');
  for (const part of text.split(',')) {
    const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(part)?.[1];
    const bare = angle ?? /([^\s<>]+@[^\s<>]+)/.exec(part)?.[1];
    if (bare && !found.some((a) => a.toLowerCase() === bare.toLowerCase())) found.push(bare);
  }
  return found;
}

/** `Re: ` once, however the subject was already prefixed (`RE:`, `Re: Re:`). */
export function replySubject(subject: string | undefined): string {
  const bare = (subject ?? '').replace(/^\s*((re|aw|sv|antw)\s*:\s*)+/i, '').trim();
  return `Re: ${bare}`;
}
