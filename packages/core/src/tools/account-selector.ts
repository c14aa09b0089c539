/** The input property a tool takes its account from when the user has several on its connection. */
export const ACCOUNT_SELECTOR = 'account';

/**
 * The tool's JSON Schema with a required `account` property listing the user's aliases (theirs
 * only: the aliases are read for the identifier the tools are bound to). Left as it is when the
 * tool has an `account` input of its own; `ob.tools.execute({ account })` still selects then.
 */
export function withAccountSelector<S extends Record<string, unknown>>(schema: S, aliases: string[] | undefined, connection: string): S {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  if (!aliases || aliases.length < 2 || ACCOUNT_SELECTOR in properties) return schema;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  return {
    ...schema,
    properties: {
      ...properties,
      [ACCOUNT_SELECTOR]: { type: 'string', enum: aliases, description: `Which of the user's connected ${connection} accounts to act in.` },
    },
    required: [...required, ACCOUNT_SELECTOR],
  };
}

/** The alias a model put in the input (the selector property), when the tool has no `account` of its own. */
export function selectorFromInput(input: unknown, schema: Record<string, unknown>): string | undefined {
  if (ACCOUNT_SELECTOR in ((schema.properties ?? {}) as Record<string, unknown>)) return undefined;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const value = (input as Record<string, unknown>)[ACCOUNT_SELECTOR];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
