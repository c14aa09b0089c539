import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { pathSegment, segment } from './fields.ts';
import { compact, truncate } from './text.ts';

interface GithubRepo {
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

interface GithubIssue {
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

const owner = pathSegment('Owner (user or organization) of the repository.', 100);
const repo = pathSegment('Repository name.', 100);
const labelNames = (issue: GithubIssue) => (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name ?? '')).filter(Boolean);

export const githubListRepos = defineTool({
  name: 'github_list_repos',
  provider: 'github',
  description: 'List GitHub repositories the user owns, collaborates on or can access through an organization.',
  scopes: ['repo'],
  input: z.object({
    visibility: z.enum(['all', 'public', 'private']).optional(),
    affiliation: z.array(z.enum(['owner', 'collaborator', 'organization_member'])).min(1).optional().describe('Which relations to include (default: all three).'),
    sort: z.enum(['created', 'updated', 'pushed', 'full_name']).default('updated'),
    direction: z.enum(['asc', 'desc']).optional(),
    per_page: z.number().int().min(1).max(100).default(30).describe('Repositories per page (1-100).'),
    page: z.number().int().min(1).max(1000).optional(),
  }),
  async execute({ visibility, affiliation, sort, direction, per_page, page }, ctx) {
    const repos = await ctx.request<GithubRepo[]>('/user/repos', {
      query: { visibility, affiliation: affiliation ? [...new Set(affiliation)].join(',') : undefined, sort, direction, per_page, page },
    });
    return (repos ?? []).slice(0, per_page).map((r) => compact({
      fullName: r.full_name,
      description: r.description ? truncate(r.description, 300) : undefined,
      private: r.private,
      fork: r.fork || undefined,
      archived: r.archived || undefined,
      language: r.language,
      stars: r.stargazers_count,
      openIssues: r.open_issues_count,
      defaultBranch: r.default_branch,
      updatedAt: r.updated_at,
      url: r.html_url,
    }));
  },
});

export const githubCreateIssue = defineTool({
  name: 'github_create_issue',
  provider: 'github',
  description: 'Open an issue in a GitHub repository.',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    title: z.string().trim().min(1).max(256),
    body: z.string().max(65_536).optional().describe('Issue text (GitHub Markdown).'),
    labels: z.array(z.string().min(1).max(50)).max(20).optional(),
    assignees: z.array(z.string().min(1).max(39)).max(10).optional().describe('GitHub logins to assign.'),
  }),
  async execute({ owner: o, repo: r, title, body, labels, assignees }, ctx) {
    const issue = await ctx.request<GithubIssue>(`/repos/${segment(o)}/${segment(r)}/issues`, {
      method: 'POST',
      body: compact({ title, body, labels, assignees }),
    });
    return compact({
      number: issue.number,
      title: issue.title,
      state: issue.state,
      url: issue.html_url,
      labels: labelNames(issue),
      assignees: (issue.assignees ?? []).map((a) => a.login).filter(Boolean),
    });
  },
});

export const githubListIssues = defineTool({
  name: 'github_list_issues',
  provider: 'github',
  description: 'List issues of a GitHub repository, most recently created first (pull requests are marked).',
  scopes: ['repo'],
  input: z.object({
    owner,
    repo,
    state: z.enum(['open', 'closed', 'all']).default('open'),
    labels: z.array(z.string().min(1).max(50)).max(20).optional().describe('Only issues with all of these labels.'),
    per_page: z.number().int().min(1).max(100).default(30).describe('Issues per page (1-100).'),
    page: z.number().int().min(1).max(1000).optional(),
  }),
  async execute({ owner: o, repo: r, state, labels, per_page, page }, ctx) {
    const issues = await ctx.request<GithubIssue[]>(`/repos/${segment(o)}/${segment(r)}/issues`, {
      query: { state, labels: labels?.length ? labels.join(',') : undefined, per_page, page },
    });
    return (issues ?? []).slice(0, per_page).map((i) => compact({
      number: i.number,
      title: i.title,
      state: i.state,
      pullRequest: i.pull_request ? true : undefined,
      author: i.user?.login,
      labels: labelNames(i),
      assignees: (i.assignees ?? []).map((a) => a.login).filter(Boolean),
      comments: i.comments,
      createdAt: i.created_at,
      updatedAt: i.updated_at,
      body: i.body ? truncate(i.body, 500) : undefined,
      url: i.html_url,
    }));
  },
});

export const githubTools = [githubListRepos, githubCreateIssue, githubListIssues];
