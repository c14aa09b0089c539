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
