import { z } from 'zod';
import type { AdfNode } from './jira-document.ts';

/** An issue key (`PROJ-123`) or numeric id, as Jira's `{issueIdOrKey}` takes it. */
export const issueKey = z.string().trim().regex(/^([A-Z][A-Z0-9_]{0,254}-\d+|\d+)$/i, 'an issue key like PROJ-123 or a numeric id').describe('Issue key, e.g. "PROJ-123" (or the numeric issue id).');

/** The fields of an issue as the tools ask Jira for them (search, get). */
export const ISSUE_FIELDS = ['summary', 'status', 'assignee', 'reporter', 'priority', 'issuetype', 'project', 'created', 'updated', 'labels'];

export interface JiraUser {
  accountId?: string;
  displayName?: string;
}

export interface JiraIssue {
  id: string;
  key: string;
  fields?: {
    summary?: string;
    status?: { name?: string; statusCategory?: { name?: string } };
    assignee?: JiraUser | null;
    reporter?: JiraUser | null;
    priority?: { name?: string } | null;
    issuetype?: { name?: string };
    project?: { key?: string; name?: string };
    created?: string;
    updated?: string;
    labels?: string[];
    description?: AdfNode | null;
    comment?: { comments?: JiraComment[]; total?: number };
  };
}

export interface JiraComment {
  id: string;
  author?: JiraUser;
  body?: AdfNode;
  created?: string;
}

/** The compact view of an issue every tool returns. */
export function issueSummary(issue: JiraIssue) {
  const f = issue.fields ?? {};
  return {
    key: issue.key,
    summary: f.summary,
    status: f.status?.name,
    type: f.issuetype?.name,
    priority: f.priority?.name,
    assignee: f.assignee?.displayName ?? null,
    project: f.project?.key,
    updated: f.updated,
  };
}
