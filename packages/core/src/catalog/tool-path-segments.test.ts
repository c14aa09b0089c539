import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createReplayServer, type ReplayExchange } from '@onbehalf/sandbox';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { isOnBehalfError } from '../errors.ts';
import { runTool } from '../../test/support/run-tool.ts';
import { builtInToolkits } from './index.ts';

/**
 * Every string argument of every built-in tool, set in turn to a value built to climb out of its
 * URL path segment, must either be refused as bad input or stay inside its segment: each request
 * the tool sends has the path of a recorded exchange (catalog/<id>/fixtures/<tool>.json) with, at
 * most, some segments replaced by the value encoded as one segment. The replay server answers the
 * recorded exchanges, so a tool that makes several requests gets as far as it would with a
 * provider; what it received is the path as it arrived on the wire.
 */

const ATTACKS = ['../../x', 'a/../../b', '..', '.', '%2e%2e', '%2E%2E%2Fx', '..%2f..%2fx', '..\\..\\x', 'x?y=1#z', '', '/'];

interface FixtureCase {
  name: string;
  input: Record<string, unknown>;
  exchanges: ReplayExchange[];
}

type Where = Array<string | number>;

/** Where each string sits in a tool input (nested objects and arrays included). */
function stringsIn(value: unknown, at: Where = []): Where[] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsIn(item, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringsIn(item, [...at, key]));
  return [];
}

function replaced(input: Record<string, unknown>, where: Where, value: string): Record<string, unknown> {
  const copy = structuredClone(input);
  let parent: any = copy;
  for (const key of where.slice(0, -1)) parent = parent[key];
  parent[where.at(-1)!] = value;
  return copy;
}

const catalogDir = fileURLToPath(new URL('.', import.meta.url));
const runs = builtInToolkits.flatMap(({ provider, tools }) => tools.flatMap((tool) => {
  const { cases } = JSON.parse(readFileSync(`${catalogDir}${provider.id}/fixtures/${tool.name}.json`, 'utf8')) as { cases: FixtureCase[] };
  return cases.map((fixtureCase) => ({ label: `${tool.name}: ${fixtureCase.name}`, provider, tool, fixtureCase }));
}));

describe('no built-in tool lets a string argument climb out of its URL path segment', () => {
  it('covers every tool', () => {
    expect(new Set(runs.map((r) => r.tool.name)).size).toBe(builtInToolkits.flatMap((k) => k.tools).length);
    expect(runs.length).toBeGreaterThanOrEqual(12);
  });

  it.each(runs.map((r) => [r.label, r] as const))('%s', async (_label, { provider, tool, fixtureCase }) => {
    const basePath = new URL(provider.api.baseUrl).pathname.replace(/\/$/, '');
    const recordedPaths = fixtureCase.exchanges.map((e) => e.request.path.split('/'));
    for (const where of stringsIn(fixtureCase.input)) {
      const original = String(where.reduce<any>((value, key) => value[key], fixtureCase.input));
      // The argument goes into a path when a recorded path has it as a segment.
      const inPath = recordedPaths.some((segments) => segments.includes(encodeURIComponent(original.trim())));
      for (const attack of ATTACKS) {
        const server = await createReplayServer({ exchanges: fixtureCase.exchanges, basePath, authorization: 'Bearer tok-replay' });
        try {
          const outcome = await runTool({ tool, provider, baseUrl: server.url, input: replaced(fixtureCase.input, where, attack), accessToken: 'tok-replay' })
            .then(() => undefined, (error: unknown) => error);
          const what = `${where.join('.')} = ${JSON.stringify(attack)}`;
          const own = encodeURIComponent(attack);
          for (const received of server.received) {
            const segments = received.path.split('/');
            const fits = recordedPaths.some((recorded) => recorded.length === segments.length && recorded.every((s, i) => s === segments[i] || segments[i] === own));
            expect(fits, `${what} sent ${received.method} ${received.path}, which is not a recorded path with the value as one segment`).toBe(true);
          }
          expect(server.mismatches.filter((m) => m.includes('not under the API base path')), what).toEqual([]);
          if (inPath) {
            // Either refused as input the model can correct, or sent inside its own segment.
            const refused = outcome instanceof ZodError || isOnBehalfError(outcome, 'TOOL_INPUT_INVALID');
            const carried = server.received.some((r) => r.path.split('/').includes(own));
            expect(refused || carried, `${what}: neither refused nor sent as its own segment (${String(outcome)})`).toBe(true);
          }
        } finally {
          await server.close();
        }
      }
    }
  });
});
