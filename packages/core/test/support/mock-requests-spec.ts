import { fileURLToPath } from 'node:url';
import { createSpecChecker } from '@onbehalf/spec-check';
import type { MockApiRequest } from '@onbehalf/sandbox';

const specs = createSpecChecker({ catalogDir: fileURLToPath(new URL('../../src/catalog/', import.meta.url)) });

/**
 * What each request a sandbox mock of `provider` received (its real URL and body, as the mock
 * host logged it) says against the provider's description: the operation it matched, or the
 * problems. For a sandbox test to show its tools' requests are the documented ones.
 */
export function checkMockRequests(requests: readonly MockApiRequest[], provider: string, skip: (path: string) => boolean = () => false) {
  return requests
    .filter((r) => r.api === provider && !skip(new URL(r.url).pathname))
    .map((r) => ({ method: r.method, url: r.url, ...specs.check(provider, { method: r.method, url: r.url, ...(r.body === undefined ? {} : { body: r.body }) }) }));
}
