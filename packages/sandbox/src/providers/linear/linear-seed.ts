import { colleague, type MockPerson, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export interface LinearState { id: string; name: string; type: 'backlog' | 'unstarted' | 'started' | 'completed' | 'canceled' }
export interface LinearTeam { id: string; key: string; name: string; description: string | null; states: LinearState[]; nextNumber: number }
export interface LinearPerson { id: string; name: string; email: string }
export interface LinearIssue {
  id: string;
  number: number;
  teamId: string;
  title: string;
  description: string | null;
  priority: number;
  stateId: string;
  assigneeId: string | null;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
  comments: Array<{ id: string; body: string; createdAt: string }>;
}
export interface LinearWorkspace {
  organization: { id: string; name: string; urlKey: string };
  viewer: LinearPerson;
  people: LinearPerson[];
  teams: LinearTeam[];
  issues: LinearIssue[];
}

const STATES: Array<[string, LinearState['type']]> = [['Backlog', 'backlog'], ['Todo', 'unstarted'], ['In Progress', 'started'], ['Done', 'completed'], ['Canceled', 'canceled']];

/** Linear's ids are UUIDs, drawn from the seeded random so a workspace is the same on every run. */
export const linearUuid = (random: SeededRandom): string => random.uuid();

const person = (random: SeededRandom, p: MockPerson): LinearPerson => ({ id: linearUuid(random), name: p.name, email: p.email });

/** One Linear workspace per signed-in user: two teams with Linear's default workflow, a few issues, some assigned to the user. */
export function linearSeed(user: MockUser, random: SeededRandom, now: Date): LinearWorkspace {
  const viewer = person(random, user);
  const people = [viewer, person(random, colleague(user, 0)), person(random, colleague(user, 1))];
  const team = (key: string, name: string, description: string | null): LinearTeam => ({
    id: linearUuid(random), key, name, description, nextNumber: 1,
    states: STATES.map(([stateName, type]) => ({ id: linearUuid(random), name: stateName, type })),
  });
  const teams = [team('ENG', 'Engineering', 'Product engineering'), team('OPS', 'Operations', null)];
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const issues: LinearIssue[] = [];
  const add = (t: LinearTeam, title: string, stateName: string, assignee: LinearPerson | null, priority: number, hoursAgo: number, description: string | null = null, dueDate: string | null = null) => {
    issues.push({
      id: linearUuid(random), number: t.nextNumber++, teamId: t.id, title, description, priority,
      stateId: t.states.find((s) => s.name === stateName)!.id, assigneeId: assignee?.id ?? null, dueDate,
      createdAt: at(hoursAgo + 48), updatedAt: at(hoursAgo), comments: [],
    });
  };
  const [eng, ops] = teams as [LinearTeam, LinearTeam];
  add(eng, 'Fix login redirect loop', 'In Progress', viewer, 2, 3, 'Users bounce between /login and /callback after SSO.', '2030-01-15');
  add(eng, 'Rate-limit the export endpoint', 'Todo', viewer, 0, 20);
  add(eng, 'Upgrade the database driver', 'Done', viewer, 3, 70);
  add(eng, 'Flaky checkout test', 'Backlog', people[1]!, 4, 30, 'Fails about once a day on CI.');
  add(ops, 'Rotate the staging certificates', 'Todo', viewer, 1, 10, null, '2030-01-05');
  add(ops, 'Document the on-call handover', 'Canceled', people[2]!, 0, 90);
  return { organization: { id: linearUuid(random), name: user.company.name, urlKey: user.company.org }, viewer, people, teams, issues };
}
