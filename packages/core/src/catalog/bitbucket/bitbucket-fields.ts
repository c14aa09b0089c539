import { z } from 'zod';
import { OnBehalfError } from '../../errors.ts';
import type { ToolContext } from '../../tools/index.ts';

export const workspace = z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,61}$/i, 'a workspace slug').optional().describe("Workspace slug; default: the account's workspace.");
export const repoSlug = z.string().trim().regex(/^[\w.-]{1,128}$/, 'a repository slug').describe('Repository slug, e.g. "website".');

/** The workspace of a call: the one given, else the account's default, else a message the model can act on. */
export function workspaceOf(given: string | undefined, ctx: ToolContext): string {
  const chosen = given ?? ctx.account.values?.workspace;
  if (!chosen) throw new OnBehalfError('TOOL_INPUT_INVALID', 'This Bitbucket account has no default workspace: give one (its slug) in `workspace`.', { details: { provider: 'bitbucket' } });
  return chosen;
}

export interface BitbucketPullRequest {
  id: number;
  title: string;
  state: string;
  draft?: boolean;
  author?: { display_name?: string };
  source?: { branch?: { name?: string } };
  destination?: { branch?: { name?: string } };
  comment_count?: number;
  updated_on?: string;
  links?: { html?: { href?: string } };
}
