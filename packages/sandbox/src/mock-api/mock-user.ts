import { seededRandom } from './seeded-random.ts';

/** A person who appears in the mock data (sender, attendee, channel member, issue author). */
export interface MockPerson {
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  /** GitHub-style handle and Slack display name. */
  login: string;
}

/** The signed-in user of the mocks plus the colleagues that populate their mailbox, channels and repos. */
export interface MockUser extends MockPerson {
  sub: string;
  /** Colleagues in a stable order; `colleagues[0]` is the user's manager in the seed stories. */
  colleagues: MockPerson[];
  company: { name: string; domain: string; org: string };
}

const LAST_NAMES = ['Moreau', 'Tanaka', 'Okafor', 'Lindqvist', 'Garcia', 'Novak', 'Chen', 'Haddad', 'Fischer', 'Costa', 'Patel', 'Kowalski'];
const COLLEAGUES: ReadonlyArray<readonly [string, string]> = [
  ['Priya', 'Raman'], ['Marcus', 'Webb'], ['Sofia', 'Alvarez'], ['Jonas', 'Berg'], ['Amara', 'Nwosu'],
  ['Lucas', 'Fontaine'], ['Hannah', 'Kim'], ['Diego', 'Santos'], ['Yuki', 'Sato'], ['Elena', 'Petrova'],
];
const COMPANY = { name: 'Acme Inc', domain: 'acme.test', org: 'acme' };

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function person(firstName: string, lastName: string, domain: string): MockPerson {
  const login = `${firstName}${lastName}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  return { firstName, lastName, name: `${firstName} ${lastName}`, email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@${domain}`, login };
}

/**
 * Builds a believable identity from the token subject: `alice` becomes "Alice Moreau
 * <alice@acme.test>", an email-shaped subject keeps its address. Deterministic per (seed, sub).
 */
export function mockUser(seed: string, sub: string): MockUser {
  const random = seededRandom(seed, 'user', sub);
  const local = (sub.includes('@') ? sub.slice(0, sub.indexOf('@')) : sub).replace(/[^A-Za-z0-9._-]/g, '') || 'user';
  const words = local.split(/[._-]+/).filter(Boolean);
  const firstName = capitalize(words[0] ?? 'User');
  const lastName = words[1] ? capitalize(words[1]) : random.pick(LAST_NAMES);
  const email = sub.includes('@') ? sub : `${local.toLowerCase()}@${COMPANY.domain}`;
  const login = local.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const colleagues = random.shuffle(COLLEAGUES).map(([first, last]) => person(first, last, COMPANY.domain));
  return { sub, firstName, lastName, name: `${firstName} ${lastName}`, email, login, colleagues, company: COMPANY };
}

/** The colleague at `index` (wrapping), so seed stories can say "colleague 2" safely. */
export function colleague(user: MockUser, index: number): MockPerson {
  return user.colleagues[index % user.colleagues.length] as MockPerson;
}
