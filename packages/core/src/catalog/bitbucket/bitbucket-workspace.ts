import { OnBehalfError } from '../../errors.ts';
import type { AfterConsentContext } from '../../providers/index.ts';

interface WorkspacePermission {
  workspace?: { slug?: string; name?: string };
}

/**
 * After consent: the person's account uuid, and the workspace the tools act in by default. The
 * link's `workspace` field names it (checked to be one the person belongs to); a person in exactly
 * one workspace needs no choice; with several and none named, no default is kept and each tool
 * call names its workspace.
 */
export async function chooseBitbucketWorkspace({ fetch, values }: AfterConsentContext): Promise<Record<string, string>> {
  const me = await fetch('/user');
  if (!me.ok) throw new OnBehalfError('PROVIDER_API_ERROR', `Bitbucket did not say who signed in (HTTP ${me.status}).`, { retryable: me.status >= 500, details: { provider: 'bitbucket', status: me.status } });
  const { uuid } = (await me.json()) as { uuid?: string };
  const captured: Record<string, string> = typeof uuid === 'string' ? { userUuid: uuid } : {};
  const listed = await fetch('/user/permissions/workspaces?pagelen=100');
  if (!listed.ok) {
    if (values.workspace) throw new OnBehalfError('PROVIDER_API_ERROR', `Bitbucket did not list this account's workspaces (HTTP ${listed.status}).`, { retryable: listed.status >= 500, details: { provider: 'bitbucket', status: listed.status } });
    return captured;
  }
  const slugs = (((await listed.json()) as { values?: WorkspacePermission[] }).values ?? []).map((v) => v.workspace?.slug).filter((s): s is string => typeof s === 'string');
  if (values.workspace) {
    if (!slugs.includes(values.workspace)) {
      throw new OnBehalfError('INVALID_INPUT', `This Bitbucket account is not a member of the workspace '${values.workspace}' (its workspaces: ${slugs.join(', ') || 'none'}).`, { details: { provider: 'bitbucket' } });
    }
    return { ...captured, workspace: values.workspace };
  }
  return slugs.length === 1 ? { ...captured, workspace: slugs[0]! } : captured;
}
