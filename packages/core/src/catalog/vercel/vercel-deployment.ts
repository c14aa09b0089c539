import { compact } from '../../tools/index.ts';

export interface VercelDeployment {
  uid?: string;
  id?: string;
  name: string;
  url?: string;
  state?: string;
  readyState?: string;
  target?: string | null;
  created?: number;
  createdAt?: number;
  ready?: number;
  errorMessage?: string | null;
  alias?: string[];
  meta?: Record<string, string>;
  creator?: { username?: string };
}

const iso = (ms: number | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : undefined);

/** The compact view of a deployment: id, project, state, target, its URL, when, and the commit it built. */
export function deploymentSummary(d: VercelDeployment) {
  return compact({
    id: d.uid ?? d.id,
    project: d.name,
    state: d.readyState ?? d.state,
    target: d.target ?? 'preview',
    url: d.url ? `https://${d.url}` : undefined,
    createdAt: iso(d.createdAt ?? d.created),
    commit: d.meta?.githubCommitMessage ?? d.meta?.gitlabCommitMessage ?? d.meta?.bitbucketCommitMessage,
    branch: d.meta?.githubCommitRef ?? d.meta?.gitlabCommitRef ?? d.meta?.bitbucketCommitRef,
    by: d.creator?.username,
    error: d.errorMessage ?? undefined,
  });
}
