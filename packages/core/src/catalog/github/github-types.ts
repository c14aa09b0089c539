import { z } from 'zod';
import { pathSegment } from '../../tools/index.ts';

export interface GithubRepo {
  full_name: string;
  description?: string | null;
  private: boolean;
  fork?: boolean;
  archived?: boolean;
  language?: string | null;
  stargazers_count?: number;
  open_issues_count?: number;
  default_branch?: string;
  updated_at?: string;
  html_url: string;
}

export interface GithubIssue {
  number: number;
  title: string;
  state: string;
  body?: string | null;
  user?: { login?: string } | null;
  labels?: Array<string | { name?: string }>;
  assignees?: Array<{ login?: string }> | null;
  comments?: number;
  created_at?: string;
  updated_at?: string;
  html_url: string;
  pull_request?: unknown;
}

export const owner = pathSegment('Owner (user or organization) of the repository.', 100);
export const repo = pathSegment('Repository name.', 100);
export const labelNames = (issue: GithubIssue) => (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean);

export interface GithubPullRequest {
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  body?: string | null;
  user?: { login?: string } | null;
  head?: { ref?: string; label?: string } | null;
  base?: { ref?: string } | null;
  merged_at?: string | null;
  created_at?: string;
  updated_at?: string;
  html_url: string;
}

/** A pull request in a few fields a model can act on. */
export const pullRequestSummary = (pr: GithubPullRequest) => ({
  number: pr.number,
  title: pr.title,
  state: pr.state,
  draft: pr.draft || undefined,
  merged: pr.merged_at ? true : undefined,
  author: pr.user?.login,
  head: pr.head?.ref,
  base: pr.base?.ref,
  createdAt: pr.created_at,
  updatedAt: pr.updated_at,
  url: pr.html_url,
});

export const issueNumber = z.number().int().min(1).max(2_147_483_647).describe('Issue or pull request number (pull requests share the issue numbering).');

/**
 * A file path inside a repository (`src/index.ts`): each segment is encoded on its own, so the
 * slashes stay (GitHub does not find `src%2Findex.ts` with every token type) but nothing can
 * climb out of the contents endpoint.
 */
export const repoPath = z.string().trim().min(1).max(1000)
  .refine((p) => !p.startsWith('/') && !p.endsWith('/') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), 'A relative path like "src/index.ts", without empty, "." or ".." segments.')
  .describe('Path of the file or directory in the repository, e.g. "README.md" or "src/index.ts".');

export const encodeRepoPath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
