import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connection } from '../connections/index.ts';
import { OnBehalfError } from '../errors.ts';
import { builtInTools } from '../catalog/index.ts';
import { defineTool, toolInputSchema } from './define-tool.ts';
import { createToolRegistry } from './tool-registry.ts';

const connection = (name: string, provider: string, createdAt = 0): Connection => ({
  name, provider, authType: 'oauth2', clientId: 'c', hasClientSecret: true, scopes: [], authorizationParams: {}, endpoints: {},
  settings: {}, redirectUri: null, createdAt: new Date(createdAt), updatedAt: new Date(createdAt),
});

const noop = defineTool({ name: 'acme_ping', provider: 'acme', description: 'Ping.', input: z.object({}), execute: () => ({ pong: true }) });

describe('defineTool', () => {
  it('refuses names models reject, missing parts and non-object inputs', () => {
    const base = { provider: 'acme', description: 'x', input: z.object({}), execute: () => null };
    for (const name of ['', '1abc', 'has space', 'dash-ed', 'a'.repeat(65)]) expect(() => defineTool({ ...base, name })).toThrow(OnBehalfError);
    expect(() => defineTool({ ...base, name: 'ok', description: ' ' })).toThrow(/description/);
    expect(() => defineTool({ ...base, name: 'ok', provider: '' })).toThrow(/provider/);
    expect(() => defineTool({ ...base, name: 'ok', input: z.string() })).toThrow(/zod object schema/);
    expect(() => defineTool({ ...base, name: 'ok', input: { parse: () => ({}) } as never })).toThrow(/zod 4 schema/);
    expect(Object.isFrozen(defineTool({ ...base, name: 'ok' }))).toBe(true);
  });

  it('gives every built-in tool a top-level object JSON Schema without $schema, defaults optional', () => {
    expect(new Set(builtInTools.map((tool) => tool.name)).size).toBe(builtInTools.length);
    for (const tool of builtInTools) {
      const schema = toolInputSchema(tool);
      expect(schema.type, tool.name).toBe('object');
      expect(schema).not.toHaveProperty('$schema');
      expect(tool.description.length).toBeGreaterThan(10);
      expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    }
    // io: 'input': fields with defaults are not required from the model.
    expect(toolInputSchema(builtInTools.find((t) => t.name === 'gmail_fetch_mails')!)).not.toHaveProperty('required');
    expect(toolInputSchema(builtInTools.find((t) => t.name === 'gmail_send_email')!).required).toEqual(['to', 'subject', 'body']);
  });
});

describe('tool registry', () => {
  it('lists a provider\'s tools per connection and leaves out providers without tools', () => {
    const registry = createToolRegistry(builtInTools);
    const listed = registry.listFor([connection('gmail', 'gmail'), connection('custom', 'a_provider_without_tools')]);
    expect(listed.map((t) => t.spec.name)).toEqual(builtInTools.filter((t) => t.provider === 'gmail').map((t) => t.name));
    expect(listed[0]!.spec).toMatchObject({ provider: 'gmail', connection: 'gmail', scopes: ['https://www.googleapis.com/auth/gmail.readonly'] });
  });

  it('prefixes the tools of every connection but the primary one when a provider has several', () => {
    const registry = createToolRegistry(builtInTools);
    // The connection named like the provider is primary even when it is younger.
    const names = registry.listFor([connection('WORK_Slack', 'slack', 1), connection('slack', 'slack', 2)]).map((t) => `${t.spec.connection}:${t.spec.name}`);
    const slackTools = builtInTools.filter((t) => t.provider === 'slack').map((t) => t.name);
    expect(names).toEqual([...slackTools.map((name) => `slack:${name}`), ...slackTools.map((name) => `WORK_Slack:work_slack_${name}`)]);
    // Otherwise the oldest one is: adding a connection never renames the tools already in use.
    const byAge = registry.listFor([connection('team-b', 'github', 5), connection('team-a', 'github', 9)]);
    expect(byAge.filter((t) => t.spec.connection === 'team-b').map((t) => t.spec.name)).toContain('github_create_issue');
    expect(byAge.filter((t) => t.spec.connection === 'team-a').map((t) => t.spec.name)).toContain('team-a_github_create_issue');
    expect(byAge[0]!.spec.description).toMatch(/Acts through the 'team-b' connection\./);
  });

  it('lets a custom tool replace a built-in one by name, refuses duplicates and clashing or overlong names', () => {
    const mine = defineTool({ name: 'gmail_send_email', provider: 'gmail', description: 'My own sender.', input: z.object({ to: z.string() }), execute: () => ({}) });
    const registry = createToolRegistry(builtInTools, [mine, noop]);
    const gmail = registry.listFor([connection('gmail', 'gmail'), connection('acme', 'acme')]);
    expect(gmail.find((t) => t.spec.name === 'gmail_send_email')!.spec.description).toBe('My own sender.');
    expect(gmail.map((t) => t.spec.name)).toContain('acme_ping');

    expect(() => createToolRegistry(builtInTools, [noop, noop])).toThrow(/Two custom tools/);
    const clash = defineTool({ name: 'b_acme_ping', provider: 'other', description: 'x', input: z.object({}), execute: () => null });
    expect(() => createToolRegistry([], [noop, clash]).listFor([connection('a', 'acme'), connection('b', 'acme', 1), connection('o', 'other')])).toThrow(/listed for both/);
    expect(() => createToolRegistry(builtInTools).listFor([connection('gmail', 'gmail'), connection('x'.repeat(50), 'gmail', 1)])).toThrow(/longer than 64/);
  });

  it('hands out copies of the JSON Schema', () => {
    const registry = createToolRegistry(builtInTools);
    const [first] = registry.listFor([connection('gmail', 'gmail')]);
    (first!.spec.inputSchema as Record<string, unknown>).mutated = true;
    expect(registry.listFor([connection('gmail', 'gmail')])[0]!.spec.inputSchema).not.toHaveProperty('mutated');
  });
});
