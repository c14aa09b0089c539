import { describe, expect, it } from 'vitest';
import { compilePathTemplate, matchPathTemplate } from './path-template.ts';
import { checkParamValue, checkValue, type SchemaCheckOptions } from './schema-check.ts';

const doc: Record<string, unknown> = {
  base: { type: 'object', properties: { id: { type: 'string' } } },
  labelled: { allOf: [{ $ref: 'base' }, { type: 'object', properties: { label: { type: 'string', enum: ['a', 'b'] } }, required: ['label'] }] },
  either: { oneOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' } } }] },
  map: { type: 'object', additionalProperties: { type: 'integer' } },
  free: { type: 'object' },
};
const options: SchemaCheckOptions = { resolveRef: (ref) => doc[ref] };
const run = (schema: unknown, value: unknown, extra: Partial<SchemaCheckOptions> = {}) => {
  const problems: string[] = [];
  checkValue(schema, value, '', { ...options, ...extra }, problems);
  return problems;
};

describe('checkValue', () => {
  it('merges allOf members behind $refs, with their required fields and enums', () => {
    expect(run({ $ref: 'labelled' }, { id: 'x', label: 'a' })).toEqual([]);
    expect(run({ $ref: 'labelled' }, { id: 'x', label: 'c', extra: 1 })).toEqual(['body field "label" is "c", not one of "a", "b"', 'unknown body field "extra"']);
    expect(run({ $ref: 'labelled' }, { id: 'x' })).toEqual(['missing required body field "label"']);
  });

  it('accepts a value matching any oneOf variant and reports the closest one otherwise', () => {
    expect(run({ $ref: 'either' }, 'text')).toEqual([]);
    expect(run({ $ref: 'either' }, { name: 'n' })).toEqual([]);
    expect(run({ $ref: 'either' }, { nmae: 'n' })).toEqual(['unknown body field "nmae"']);
  });

  it('checks maps through additionalProperties and leaves free-form objects alone', () => {
    expect(run({ $ref: 'map' }, { a: 1, b: 2 })).toEqual([]);
    expect(run({ $ref: 'map' }, { a: 'one' })).toEqual(['body field "a" should be integer, got string']);
    expect(run({ $ref: 'free' }, { anything: { goes: true } })).toEqual([]);
  });

  it('matches Graph property names case-insensitively and allows @odata keys', () => {
    const graph = { type: 'object', properties: { Message: { type: 'object', properties: { subject: { type: 'string' } }, additionalProperties: { type: 'object' } } }, additionalProperties: { type: 'object' } };
    expect(run(graph, { message: { subject: 's', '@odata.type': '#microsoft.graph.message' } }, { lenientGraph: true })).toEqual([]);
    expect(run(graph, { message: { subjekt: 's' } }, { lenientGraph: true })).toEqual(['unknown body field "message.subjekt"']);
  });
});

describe('checkParamValue', () => {
  it('checks types, bounds, enums, date-times and comma-separated arrays', () => {
    const problems: string[] = [];
    checkParamValue('query', 'n', '5', { type: 'integer', minimum: 1, maximum: 10 }, problems);
    checkParamValue('query', 'n', '50', { type: 'integer', maximum: '10' } as Record<string, unknown>, problems);
    checkParamValue('query', 'flag', 'yes', { type: 'boolean' }, problems);
    checkParamValue('query', '$select', 'subject,nope', { type: 'array', items: { type: 'string', enum: ['subject', 'from'] } }, problems);
    checkParamValue('query', 'at', '2025-03-12T10:00:00+01:00', { type: 'string', format: 'date-time' }, problems);
    expect(problems).toEqual([
      'query parameter "n" is 50, above the maximum 10',
      'query parameter "flag" should be true or false, got "yes"',
      'query parameter "$select" is "nope", not one of "subject", "from"',
    ]);
  });
});

describe('path templates', () => {
  it('matches plain, reserved and Graph action segments', () => {
    expect(matchPathTemplate(compilePathTemplate('gmail/v1/users/{userId}/messages/{id}'), 'gmail/v1/users/me/messages/abc')).toEqual({ userId: 'me', id: 'abc' });
    expect(matchPathTemplate(compilePathTemplate('v1/{+name}'), 'v1/projects/p/topics/t')).toEqual({ name: 'projects/p/topics/t' });
    expect(matchPathTemplate(compilePathTemplate('v1/{name}'), 'v1/projects/p')).toBeUndefined();
    const action = compilePathTemplate('/users/{user-id}/microsoft.graph.sendMail', { optionalGraphNamespace: true });
    expect(matchPathTemplate(action, '/users/me/sendMail')).toEqual({ 'user-id': 'me' });
    expect(matchPathTemplate(action, '/users/me/microsoft.graph.sendMail/')).toEqual({ 'user-id': 'me' });
    expect(matchPathTemplate(compilePathTemplate('/repos/{owner}/{repo}'), '/repos/a%20b/c')).toEqual({ owner: 'a b', repo: 'c' });
  });
});
