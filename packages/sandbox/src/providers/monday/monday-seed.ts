import { colleague, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export type MondayColumnType = 'name' | 'status' | 'date' | 'people' | 'text';
export interface MondayColumn { id: string; title: string; type: MondayColumnType; labels?: string[] }
export interface MondayPerson { id: string; name: string; email: string }
export interface MondayItem { id: string; name: string; groupId: string; values: Record<string, unknown>; createdAt: string; updatedAt: string; updates: MondayUpdate[] }
export interface MondayUpdate { id: string; body: string; createdAt: string; creatorId: string }
export interface MondayBoard { id: string; name: string; description: string | null; kind: 'public' | 'private' | 'share'; workspaceId: string; usedAt: string; groups: Array<{ id: string; title: string }>; columns: MondayColumn[]; items: MondayItem[] }
export interface MondayAccount {
  account: { id: string; name: string; slug: string };
  me: MondayPerson;
  people: MondayPerson[];
  boards: MondayBoard[];
}

const STATUS_LABELS = ['Working on it', 'Done', 'Stuck'];

/** One monday.com account per signed-in user: a roadmap board and a bug board with groups, status/date/people columns and items. */
export function mondaySeed(user: MockUser, random: SeededRandom, now: Date): MondayAccount {
  const id = () => random.digits(10);
  const people = [user, colleague(user, 0), colleague(user, 1)].map((p) => ({ id: random.digits(8), name: p.name, email: p.email }));
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const columns: MondayColumn[] = [
    { id: 'name', title: 'Name', type: 'name' },
    { id: 'status', title: 'Status', type: 'status', labels: STATUS_LABELS },
    { id: 'date4', title: 'Due date', type: 'date' },
    { id: 'person', title: 'Owner', type: 'people' },
    { id: 'text', title: 'Notes', type: 'text' },
  ];
  const item = (name: string, groupId: string, values: Record<string, unknown>, hoursAgo: number): MondayItem => ({ id: id(), name, groupId, values, createdAt: at(hoursAgo + 24), updatedAt: at(hoursAgo), updates: [] });
  const owner = (index: number) => ({ personsAndTeams: [{ id: Number(people[index]!.id), kind: 'person' }] });
  const roadmap: MondayBoard = {
    id: id(), name: 'Product roadmap', description: 'What ships this quarter', kind: 'public', workspaceId: random.digits(7), usedAt: at(1),
    groups: [{ id: 'topics', title: 'This quarter' }, { id: 'group_title', title: 'Backlog' }], columns,
    items: [
      item('SSO for enterprise plans', 'topics', { status: { label: 'Working on it' }, date4: { date: '2030-01-15' }, person: owner(0) }, 2),
      item('Usage-based billing', 'topics', { status: { label: 'Stuck' }, person: owner(1), text: 'Waiting on finance' }, 5),
      item('Audit log export', 'group_title', {}, 40),
    ],
  };
  const bugs: MondayBoard = {
    id: id(), name: 'Bugs', description: null, kind: 'private', workspaceId: roadmap.workspaceId, usedAt: at(30),
    groups: [{ id: 'topics', title: 'Open' }], columns: columns.filter((c) => c.id !== 'date4'),
    items: [item('Checkout button misaligned on Safari', 'topics', { status: { label: 'Done' }, person: owner(2) }, 12)],
  };
  return { account: { id: random.digits(7), name: user.company.name, slug: user.company.org }, me: people[0]!, people, boards: [roadmap, bugs] };
}
