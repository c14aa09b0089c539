import type { ReplayMatcher, ReplayQueryValue } from './replay-types.ts';

const MATCHERS = new Set(['any', 'date-time', 'base64url']);
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function isReplayMatcher(value: unknown): value is ReplayMatcher {
  return isRecord(value) && typeof value.$match === 'string';
}

/** Short JSON for messages: a mismatch in a 20 kB body should not print all of it. */
export function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function matchMatcher(matcher: ReplayMatcher, actual: unknown, where: string, problems: string[]): void {
  if (!MATCHERS.has(matcher.$match)) {
    problems.push(`${where}: the recording uses an unknown matcher ${show(matcher)}`);
    return;
  }
  if (matcher.$match === 'any') return;
  if (typeof actual !== 'string') {
    problems.push(`${where} is ${show(actual)}, expected a string (${matcher.$match})`);
    return;
  }
  if (matcher.$match === 'date-time') {
    if (!DATE_TIME.test(actual)) problems.push(`${where} is ${show(actual)}, expected an RFC 3339 date-time with an offset`);
    return;
  }
  if (!BASE64URL.test(actual)) {
    problems.push(`${where} is not base64url: ${show(actual)}`);
    return;
  }
  const decoded = Buffer.from(actual, 'base64url').toString('utf8');
  if (decoded !== matcher.text) problems.push(`${where} decodes to ${show(decoded)}, expected ${show(matcher.text)}`);
}

/**
 * Compares a received JSON value with the recorded one: equal scalars, arrays of the same length,
 * objects with exactly the same keys, at any depth; a matcher in the recording stands for the
 * value it accepts. Differences are pushed as readable sentences naming where they are.
 */
export function matchValue(expected: unknown, actual: unknown, where: string, problems: string[]): void {
  if (isReplayMatcher(expected)) return matchMatcher(expected, actual, where, problems);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return void problems.push(`${where} is ${show(actual)}, expected an array ${show(expected)}`);
    if (actual.length !== expected.length) problems.push(`${where} has ${actual.length} items, expected ${expected.length}: ${show(actual)}`);
    expected.forEach((item, i) => i < actual.length && matchValue(item, actual[i], `${where}[${i}]`, problems));
    return;
  }
  if (isRecord(expected)) {
    if (!isRecord(actual)) return void problems.push(`${where} is ${show(actual)}, expected an object`);
    for (const [key, value] of Object.entries(expected)) {
      if (!(key in actual)) problems.push(`${where}.${key} is missing (expected ${show(value)})`);
      else matchValue(value, actual[key], `${where}.${key}`, problems);
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) problems.push(`${where}.${key} was not expected (got ${show(actual[key])})`);
    }
    return;
  }
  if (!Object.is(expected, actual)) problems.push(`${where} is ${show(actual)}, expected ${show(expected)}`);
}

/**
 * Query parameters or form fields: exactly the recorded names; a single value for a string, the
 * same values in the same order for an array, whatever the matcher accepts (each value) otherwise.
 */
export function matchParams(expected: Record<string, ReplayQueryValue>, actual: URLSearchParams, kind: string, problems: string[]): void {
  for (const [name, want] of Object.entries(expected)) {
    const got = actual.getAll(name);
    if (got.length === 0) {
      problems.push(`${kind} "${name}" is missing (expected ${show(want)})`);
    } else if (isReplayMatcher(want)) {
      for (const value of got) matchMatcher(want, value, `${kind} "${name}"`, problems);
    } else {
      const wanted = Array.isArray(want) ? want : [want];
      if (got.length !== wanted.length || got.some((value, i) => value !== wanted[i])) {
        problems.push(`${kind} "${name}" is ${show(got.length === 1 ? got[0] : got)}, expected ${show(want)}`);
      }
    }
  }
  for (const name of new Set(actual.keys())) {
    if (!(name in expected)) problems.push(`${kind} "${name}" was not expected (got ${show(actual.getAll(name).join(','))})`);
  }
}
