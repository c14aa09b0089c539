/**
 * The scopes of `declared` an account lacks for a tool, or [] when it may run it.
 *
 * A tool's declared `scopes` are read as "any of": the check refuses only an account whose grant
 * holds none of them (after the provider's `scopeImplies`: Gmail's `gmail.modify` counts as
 * `gmail.readonly`). Declarations list what a tool uses, and some list alternatives or a narrow
 * scope a broader grant covers; a check that required all of them would refuse accounts that work.
 * What this lets through and the provider still refuses comes back as the same
 * INVALID_PERMISSIONS, read from the provider's own 403. An empty grant means the provider did not
 * say what it granted: nothing is refused then.
 */
export function missingToolScopes(declared: readonly string[], granted: readonly string[], implies: Record<string, readonly string[]> = {}): string[] {
  if (declared.length === 0 || granted.length === 0) return [];
  const held = new Set(granted);
  for (const scope of granted) for (const narrower of implies[scope] ?? []) held.add(narrower);
  return declared.some((scope) => held.has(scope)) ? [] : [...declared];
}
