import type { ToolContext } from '../../tools/index.ts';

/** `?teamId=` for an account connected to a team: Vercel needs it on every team-owned resource. */
export function teamQuery(ctx: ToolContext): { teamId?: string } {
  const teamId = ctx.account.values?.teamId;
  return teamId ? { teamId } : {};
}
