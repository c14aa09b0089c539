import { mockUser, seededRandom, type SeededRandom } from '../../mock-api/index.ts';
import { memberId } from './trello-oauth1-server.ts';

export interface TrelloLabel { id: string; idBoard: string; name: string; color: string }
export interface TrelloList { id: string; idBoard: string; name: string; closed: boolean; pos: number }
export interface TrelloCard {
  id: string; idBoard: string; idList: string; name: string; desc: string; closed: boolean; pos: number;
  due: string | null; dueComplete: boolean; idLabels: string[]; idMembers: string[]; shortLink: string; dateLastActivity: string;
}
export interface TrelloComment { id: string; idCard: string; idMemberCreator: string; text: string; date: string }
export interface TrelloBoard { id: string; name: string; desc: string; closed: boolean; starred: boolean; shortLink: string; idOrganization: string | null }

/** One member's Trello: boards with lists, labels and cards. Mutated by the API calls. */
export interface TrelloWorkspace {
  member: { id: string; username: string; fullName: string; initials: string };
  boards: TrelloBoard[];
  lists: TrelloList[];
  labels: TrelloLabel[];
  cards: TrelloCard[];
  comments: TrelloComment[];
  random: SeededRandom;
}

const BOARDS: ReadonlyArray<{ name: string; desc: string; starred: boolean; lists: Array<{ name: string; cards: string[] }> }> = [
  { name: 'Product Roadmap', desc: 'What we ship this quarter.', starred: true, lists: [
    { name: 'To Do', cards: ['Write release notes', 'Fix login redirect', 'Plan the offsite'] },
    { name: 'Doing', cards: ['Importer for CSV files'] },
    { name: 'Done', cards: ['Dark mode'] },
  ] },
  { name: 'Marketing', desc: '', starred: false, lists: [{ name: 'Ideas', cards: ['Customer story: Acme'] }, { name: 'Published', cards: [] }] },
];

/** The seeded workspace of `username`: the same seed and username always give the same ids. */
export function trelloSeed(seed: string, username: string, at: Date): TrelloWorkspace {
  const random = seededRandom(seed, 'trello', username);
  const person = mockUser(seed, username);
  const member = { id: memberId(seed, username), username, fullName: person.name, initials: `${person.firstName[0] ?? ''}${person.lastName[0] ?? ''}` };
  const ws: TrelloWorkspace = { member, boards: [], lists: [], labels: [], cards: [], comments: [], random };
  for (const spec of BOARDS) {
    const board: TrelloBoard = { id: random.hex(24), name: spec.name, desc: spec.desc, closed: false, starred: spec.starred, shortLink: random.alnum(8), idOrganization: null };
    ws.boards.push(board);
    const urgent: TrelloLabel = { id: random.hex(24), idBoard: board.id, name: 'Urgent', color: 'red' };
    ws.labels.push(urgent, { id: random.hex(24), idBoard: board.id, name: '', color: 'green' });
    spec.lists.forEach((listSpec, i) => {
      const list: TrelloList = { id: random.hex(24), idBoard: board.id, name: listSpec.name, closed: false, pos: 16384 * (i + 1) };
      ws.lists.push(list);
      listSpec.cards.forEach((name, j) => ws.cards.push({
        id: random.hex(24), idBoard: board.id, idList: list.id, name, desc: j === 0 ? `Notes for "${name}".` : '', closed: false, pos: 16384 * (j + 1),
        due: j === 0 ? new Date(at.getTime() + 7 * 86_400_000).toISOString() : null, dueComplete: false,
        idLabels: j === 0 ? [urgent.id] : [], idMembers: [member.id], shortLink: random.alnum(8), dateLastActivity: at.toISOString(),
      }));
    });
  }
  return ws;
}
