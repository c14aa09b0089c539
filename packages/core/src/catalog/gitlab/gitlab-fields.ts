import { z } from 'zod';

/** A project as GitLab's `:id` takes it: its numeric id or its full path (`group/subgroup/project`). */
export const project = z.string().trim().min(1).max(255)
  .regex(/^(\d+|[\w.-]+(\/[\w.-]+)+)$/, 'a numeric project id or a path like group/project')
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), 'no . or .. in a project path')
  .describe('Project: numeric id or full path, e.g. "acme/website".');

/** An issue's or merge request's number inside its project (`iid`, shown as #12 or !12). */
export const iid = z.number().int().positive().describe('Number inside the project (#12 for an issue, !12 for a merge request).');

export interface GitlabUser {
  username?: string;
  name?: string;
}

export interface GitlabIssue {
  iid: number;
  title: string;
  state: string;
  labels?: string[];
  author?: GitlabUser;
  assignees?: GitlabUser[];
  web_url: string;
  updated_at?: string;
  user_notes_count?: number;
}
