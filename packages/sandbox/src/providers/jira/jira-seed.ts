import { mockUser, seededRandom, type MockUser } from '../../mock-api/index.ts';

export interface JiraSeedIssue {
  id: string;
  key: string;
  summary: string;
  description: string;
  status: string;
  type: string;
  priority: string;
  assignee: string | null;
  reporter: string;
  labels: string[];
  created: string;
  updated: string;
  comments: Array<{ id: string; author: string; text: string; created: string }>;
}

export interface JiraSite {
  cloudId: string;
  name: string;
  url: string;
  projects: Array<{ id: string; key: string; name: string; lead: string }>;
  issues: JiraSeedIssue[];
  nextIssueNumber: Record<string, number>;
}

/** The workflow every seeded project uses: status → the transitions out of it. */
export const WORKFLOW: Record<string, Array<{ id: string; name: string; to: string }>> = {
  'To Do': [{ id: '11', name: 'Start progress', to: 'In Progress' }, { id: '31', name: 'Done', to: 'Done' }],
  'In Progress': [{ id: '21', name: 'Stop progress', to: 'To Do' }, { id: '31', name: 'Done', to: 'Done' }],
  Done: [{ id: '41', name: 'Reopen', to: 'To Do' }],
};

/** One Jira site per signed-in user: two projects and a handful of issues, identical for one seed. */
export function jiraSeed(seed: string, sub: string, base: Date): { user: MockUser; site: JiraSite } {
  const user = mockUser(seed, sub);
  const random = seededRandom(seed, 'jira', sub);
  const at = (hoursAgo: number) => new Date(base.getTime() - hoursAgo * 3_600_000).toISOString().replace('Z', '+0000');
  const [manager, peer] = user.colleagues;
  const issue = (n: number, key: string, summary: string, description: string, status: string, type: string, assignee: string | null, hoursAgo: number): JiraSeedIssue => ({
    id: String(10000 + n), key, summary, description, status, type, priority: n % 2 ? 'High' : 'Medium', assignee, reporter: manager!.name, labels: n % 3 === 0 ? ['customer'] : [],
    created: at(hoursAgo + 48), updated: at(hoursAgo), comments: n === 1 ? [{ id: '20001', author: manager!.name, text: 'Can we get this into the next release?', created: at(hoursAgo + 1) }] : [],
  });
  return {
    user,
    site: {
      cloudId: random.uuid(),
      name: user.company.org,
      url: `https://${user.company.org}.atlassian.net`,
      projects: [
        { id: '10000', key: 'WEB', name: 'Website', lead: manager!.name },
        { id: '10001', key: 'OPS', name: 'Operations', lead: peer!.name },
      ],
      issues: [
        issue(1, 'WEB-1', 'Checkout fails on Safari', 'Customers on Safari 18 see a blank page after paying.\n\nSeen since release 2.3.', 'In Progress', 'Bug', user.name, 3),
        issue(2, 'WEB-2', 'Add dark mode to settings', 'Many users ask for a dark theme.', 'To Do', 'Story', user.name, 20),
        issue(3, 'WEB-3', 'Update the pricing page copy', 'Marketing sent the new texts.', 'Done', 'Task', peer!.name, 50),
        issue(4, 'OPS-1', 'Rotate the staging database password', 'Quarterly rotation.', 'To Do', 'Task', user.name, 8),
      ],
      nextIssueNumber: { WEB: 4, OPS: 2 },
    },
  };
}
