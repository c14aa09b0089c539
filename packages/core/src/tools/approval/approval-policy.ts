/** What an approval policy sees of a tool: a listed ToolSpec has all of it. */
export interface ApprovalSubject {
  name: string;
  provider: string;
  connection: string;
  description: string;
  writes?: boolean | undefined;
}

/**
 * Which calls wait for a person's yes: `true` every tool, `'writes'` the tools that send, create,
 * update, delete or post, a function decides per tool, `false` (the default) none.
 */
export type RequireApproval = boolean | 'writes' | ((tool: ApprovalSubject) => boolean);

export function needsApproval(tool: ApprovalSubject, policy: RequireApproval | undefined): boolean {
  if (policy === undefined || policy === false) return false;
  if (policy === true) return true;
  if (policy === 'writes') return tool.writes === true;
  return policy(tool) === true;
}
