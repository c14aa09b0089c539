import { colleague, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export interface AsanaPerson { gid: string; name: string; email: string }
export interface AsanaWorkspace { gid: string; name: string; is_organization: boolean }
export interface AsanaProject { gid: string; name: string; workspace: string; archived: boolean; team: { gid: string; name: string } | null }
export interface AsanaTask {
  gid: string;
  name: string;
  notes: string;
  workspace: string;
  projects: string[];
  assignee: string | null;
  completed: boolean;
  completed_at: string | null;
  due_on: string | null;
  due_at: string | null;
  created_at: string;
  modified_at: string;
  stories: Array<{ gid: string; text: string; created_at: string; created_by: string }>;
}
export interface AsanaWorld { me: AsanaPerson; people: AsanaPerson[]; workspaces: AsanaWorkspace[]; projects: AsanaProject[]; tasks: AsanaTask[] }

/** One Asana world per signed-in user: an organization with two projects, a personal workspace, tasks assigned to the user and to colleagues. */
export function asanaSeed(user: MockUser, random: SeededRandom, now: Date): AsanaWorld {
  const gid = () => `120${random.digits(13)}`;
  const people = [user, colleague(user, 0), colleague(user, 1)].map((p) => ({ gid: gid(), name: p.name, email: p.email }));
  const org: AsanaWorkspace = { gid: gid(), name: user.company.name, is_organization: true };
  const personal: AsanaWorkspace = { gid: gid(), name: 'Personal Projects', is_organization: false };
  const projects: AsanaProject[] = [
    { gid: gid(), name: 'Website relaunch', workspace: org.gid, archived: false, team: { gid: gid(), name: 'Marketing' } },
    { gid: gid(), name: 'Q1 hiring', workspace: org.gid, archived: false, team: { gid: gid(), name: 'People' } },
    { gid: gid(), name: '2024 offsite', workspace: org.gid, archived: true, team: { gid: gid(), name: 'People' } },
  ];
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const task = (name: string, workspace: string, project: AsanaProject | null, assignee: AsanaPerson | null, hoursAgo: number, extra: Partial<AsanaTask> = {}): AsanaTask => ({
    gid: gid(), name, notes: '', workspace, projects: project ? [project.gid] : [], assignee: assignee?.gid ?? null, completed: false, completed_at: null,
    due_on: null, due_at: null, created_at: at(hoursAgo + 72), modified_at: at(hoursAgo), stories: [], ...extra,
  });
  const [web, hiring] = projects as [AsanaProject, AsanaProject];
  const me = people[0]!;
  const tasks = [
    task('Draft launch blog post', org.gid, web, me, 2, { due_on: '2030-01-10', notes: 'Outline in the shared doc.' }),
    task('Review pricing page copy', org.gid, web, me, 6),
    task('Book venue for the launch party', org.gid, null, me, 30, { due_at: '2030-01-05T15:00:00.000Z' }),
    task('Publish the engineering job ad', org.gid, hiring, me, 200, { completed: true, completed_at: at(150) }),
    task('Screen candidates', org.gid, hiring, people[1]!, 12),
    task('Renew passport', personal.gid, null, me, 48),
  ];
  return { me, people, workspaces: [org, personal], projects, tasks };
}
