import { z } from 'zod';
import { compact, truncate } from '../../tools/index.ts';

/** Asana object ids ("gid"): digit strings. */
export const gid = (description: string) => z.string().trim().regex(/^\d{1,24}$/, 'Not an Asana gid (digits)').describe(description);

/** The task fields the task tools ask for (`opt_fields`), all of which the summary reads. */
export const TASK_FIELDS = ['name', 'completed', 'due_on', 'due_at', 'assignee.name', 'projects.name', 'modified_at', 'permalink_url'].join(',');

export interface AsanaTask {
  gid: string;
  name?: string;
  completed?: boolean;
  due_on?: string | null;
  due_at?: string | null;
  assignee?: { gid: string; name?: string } | null;
  projects?: Array<{ gid: string; name?: string }>;
  modified_at?: string;
  permalink_url?: string;
}

/** A task as a model reads it. */
export function taskSummary(task: AsanaTask) {
  return compact({
    gid: task.gid,
    name: task.name === undefined ? undefined : truncate(task.name, 300),
    completed: task.completed,
    due: task.due_at ?? task.due_on ?? undefined,
    assignee: task.assignee?.name,
    projects: task.projects?.length ? task.projects.map((p) => p.name ?? p.gid).slice(0, 10) : undefined,
    modifiedAt: task.modified_at,
    url: task.permalink_url,
  });
}

/** Asana's list answers carry `next_page: { offset }` when there is more. */
export const nextOffset = (answer: { next_page?: { offset?: string } | null }) => answer.next_page?.offset ?? undefined;
