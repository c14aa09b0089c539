import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createReplayServer, type ReplayExchange } from '@onbehalf/sandbox';
import { createSpecChecker } from '@onbehalf/spec-check';
import { describe, expect, it } from 'vitest';
import { OnBehalfError } from '../errors.ts';
import { runTool } from '../../test/support/run-tool.ts';
import { builtInToolkits } from './index.ts';

/**
 * Every built-in tool of every provider replays the exchanges recorded beside it
 * (`catalog/<id>/fixtures/<tool_name>.json`: the requests the tool must send and the answers the
 * provider documents). The replay server answers only an exact match; the tool's output (or its
 * error) must be the recorded one; and every request it sent is checked against the provider's
 * official description in ../shared/specs. A new tool is covered by adding its fixture.
 */

interface FixtureCase {
  name: string;
  input: unknown;
  exchanges: ReplayExchange[];
  output?: unknown;
  error?: { code: string; details?: Record<string, unknown> };
}

interface Fixture {
  tool: string;
  source: string;
  /** What the account holds besides its token: values and extra tokens (a Discord webhook). */
  account?: { values?: Record<string, string>; extraTokens?: Record<string, string> };
  cases: FixtureCase[];
}

const catalogDir = fileURLToPath(new URL('.', import.meta.url));
const specs = createSpecChecker({ catalogDir });
const fixturePath = (provider: string, tool: string) => `${catalogDir}${provider}/fixtures/${tool}.json`;

const tools = builtInToolkits.flatMap(({ provider, tools: list }) => list.map((tool) => ({ provider, tool })));

describe('every built-in tool replays its recorded exchanges', () => {
  it('covers the whole catalog', () => {
    expect(tools.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(tools.map((t) => [`${t.provider.id}/${t.tool.name}`, t] as const))('%s', (_label, { provider, tool }) => {
    it('has a fixture with a source and at least one case', () => {
      expect(existsSync(fixturePath(provider.id, tool.name)), `missing ${provider.id}/fixtures/${tool.name}.json`).toBe(true);
      const fixture = JSON.parse(readFileSync(fixturePath(provider.id, tool.name), 'utf8')) as Fixture;
      expect(fixture.tool).toBe(tool.name);
      expect(fixture.source).toMatch(/\S/);
      expect(fixture.cases.length).toBeGreaterThan(0);
    });

    const fixture = existsSync(fixturePath(provider.id, tool.name)) ? (JSON.parse(readFileSync(fixturePath(provider.id, tool.name), 'utf8')) as Fixture) : undefined;
    const cases = fixture?.cases ?? [];
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, fixtureCase) => {
      const base = new URL(provider.api.baseUrl);
      const server = await createReplayServer({ exchanges: fixtureCase.exchanges, basePath: base.pathname.replace(/\/$/, ''), authorization: 'Bearer tok-replay' });
      try {
        const outcome = await runTool({ tool, provider, baseUrl: server.url, input: fixtureCase.input, accessToken: 'tok-replay', ...fixture?.account })
          .then((data) => ({ data }), (error: unknown) => ({ error }));
        expect(server.problems()).toEqual([]);
        if (fixtureCase.error) {
          expect('error' in outcome ? outcome.error : outcome).toBeInstanceOf(OnBehalfError);
          expect((outcome as { error: OnBehalfError }).error).toMatchObject(fixtureCase.error);
        } else {
          if ('error' in outcome) throw outcome.error;
          expect(outcome.data).toEqual(fixtureCase.output);
        }
        // What the tool sent, on the provider's real URL, against its official description.
        for (const received of server.received) {
          const url = `${provider.api.baseUrl.replace(/\/$/, '')}${received.path}${received.search}`;
          const body = received.body instanceof URLSearchParams ? Object.fromEntries(received.body) : received.body;
          const result = specs.check(provider.id, { method: received.method, url, body, ...(received.contentType ? { contentType: received.contentType } : {}) });
          expect({ method: received.method, url, ...result }).toMatchObject({ ok: true, problems: [] });
        }
      } finally {
        await server.close();
      }
    });
  });
});
