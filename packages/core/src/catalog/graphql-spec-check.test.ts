import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createReplayServer, type ReplayExchange } from '@onbehalf/sandbox';
import { createSpecChecker } from '@onbehalf/spec-check';
import { describe, expect, it } from 'vitest';
import { runTool } from '../../test/support/run-tool.ts';
import { builtInToolkits } from './index.ts';

/**
 * The replay suite checks every request a tool sends against the provider's description; for the
 * GraphQL providers (Linear, monday.com) that means parsing and validating the document and its
 * variables against the published schema. This shows the check bites where the replay alone
 * cannot: each GraphQL tool is run as the suite runs it, once as it is and once with a one-letter
 * typo in a field of its document, against a recording made with that same typo (as a recording
 * taken from the broken tool would be). The replay matches both times; only the schema check
 * tells them apart.
 */

interface FixtureCase {
  name: string;
  input: unknown;
  exchanges: ReplayExchange[];
}

const catalogDir = fileURLToPath(new URL('.', import.meta.url));
const specs = createSpecChecker({ catalogDir });
const graphqlTools = builtInToolkits
  .filter(({ provider }) => specs.description(provider.id)?.format === 'graphql')
  .flatMap(({ provider, tools }) => tools.map((tool) => ({ provider, tool })));

/** `{ id name }` → `{ idx name }`: the first field selected inside the document's first selection set gets a typo. */
const typo = (query: string) => query.replace(/\{\s*(\w+)/, (_, field: string) => `{ ${field}x`);

function withTypo(exchanges: ReplayExchange[]): ReplayExchange[] {
  return exchanges.map((e) => {
    const body = e.request.body as { query?: string } | undefined;
    return typeof body?.query === 'string' ? { ...e, request: { ...e.request, body: { ...body, query: typo(body.query) } } } : e;
  });
}

/** Runs a tool like the replay suite does and returns what the spec check said about each request. */
async function replayAndCheck(entry: (typeof graphqlTools)[number], exchanges: ReplayExchange[], input: unknown, broken: boolean) {
  const { provider, tool } = entry;
  const server = await createReplayServer({ exchanges, basePath: new URL(provider.api.baseUrl).pathname.replace(/\/$/, ''), authorization: 'Bearer tok-replay' });
  // The broken tool: the same tool whose document has the typo when it goes out.
  const send: typeof fetch = (target, init) => {
    if (!broken || typeof init?.body !== 'string') return fetch(target, init);
    const body = JSON.parse(init.body) as { query: string };
    return fetch(target, { ...init, body: JSON.stringify({ ...body, query: typo(body.query) }) });
  };
  try {
    await runTool({ tool, provider, baseUrl: server.url, input, accessToken: 'tok-replay', fetch: send }).catch(() => undefined);
    const results = server.received.map((received) => specs.check(provider.id, {
      method: received.method,
      url: `${provider.api.baseUrl.replace(/\/$/, '')}${received.path}${received.search}`,
      body: received.body,
      ...(received.contentType ? { contentType: received.contentType } : {}),
    }));
    return { replayProblems: server.problems(), results };
  } finally {
    await server.close();
  }
}

describe('a GraphQL tool whose document has a typo fails the replay suite on the schema check', () => {
  it('covers the GraphQL tools of Linear and monday.com', () => {
    expect(new Set(graphqlTools.map((t) => t.provider.id))).toEqual(new Set(['linear', 'monday']));
    expect(graphqlTools.length).toBeGreaterThanOrEqual(6);
  });

  it.each(graphqlTools.map((t) => [t.tool.name, t] as const))('%s', async (_name, entry) => {
    const fixture = JSON.parse(readFileSync(`${catalogDir}${entry.provider.id}/fixtures/${entry.tool.name}.json`, 'utf8')) as { cases: FixtureCase[] };
    const first = fixture.cases[0]!;

    const sound = await replayAndCheck(entry, first.exchanges, first.input, false);
    expect(sound.replayProblems).toEqual([]);
    expect(sound.results.length).toBeGreaterThan(0);
    for (const result of sound.results) expect(result).toMatchObject({ ok: true, problems: [] });

    const broken = await replayAndCheck(entry, withTypo(first.exchanges), first.input, true);
    // The recording has the typo too, so the replay itself is satisfied…
    expect(broken.replayProblems).toEqual([]);
    // …and the schema check is what fails it.
    expect(broken.results.some((r) => !r.ok && r.problems.some((p) => /^Cannot query field "\w+x"/.test(p)))).toBe(true);
  });
});
