import { colleague, type MockPerson, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export interface SlackMessage {
  type: 'message';
  user: string;
  text: string;
  ts: string;
  team: string;
  thread_ts?: string;
  reply_count?: number;
  blocks?: unknown[];
  subtype?: string;
  reactions?: Array<{ name: string; users: string[]; count: number }>;
}

export interface SlackChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  is_member: boolean;
  created: number;
  creator: string;
  topic: string;
  purpose: string;
  members: string[];
  /** Oldest first. */
  messages: SlackMessage[];
}

export interface SlackWorkspace {
  team: { id: string; name: string; domain: string };
  userId: string;
  userName: string;
  /** Slack user id by email, the user included. */
  userIds: Map<string, string>;
  /** Everyone in the workspace (the user first), for users.info. */
  people: Array<{ id: string; person: MockPerson; tz: string }>;
  channels: SlackChannel[];
}

interface ChannelSeed {
  name: string;
  topic: string;
  purpose: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  /** [colleague index or -1 for the user, text, minutes ago] */
  lines: Array<[number, string, number]>;
}

const TIME_ZONES = ['Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Europe/London'];

/** Slack `ts`: epoch seconds plus a 6-digit sequence, unique per channel. */
export function slackTs(epochMs: number, random: SeededRandom): string {
  return `${Math.floor(epochMs / 1000)}.${String(random.int(0, 999_999)).padStart(6, '0')}`;
}

/** #general, #random, #engineering (member), #design (not a member), a private and an archived channel. */
export function slackSeed(user: MockUser, random: SeededRandom, now: Date): SlackWorkspace {
  const teamId = `T0${random.alnum(8)}`;
  const userIds = new Map<string, string>([[user.email, `U0${random.alnum(9)}`]]);
  for (const person of user.colleagues) userIds.set(person.email, `U0${random.alnum(9)}`);
  const idOf = (index: number) => userIds.get(index < 0 ? user.email : colleague(user, index).email) as string;
  const name = (index: number) => colleague(user, index).firstName;
  const hour = 60;
  const day = 24 * hour;
  const seeds: ChannelSeed[] = [
    {
      name: 'general', topic: 'Company-wide announcements', purpose: 'This channel is for workspace-wide communication and announcements.',
      lines: [
        [0, 'Reminder: all-hands is Thursday at 4pm. Bring questions for the Q&A!', 2 * day],
        [4, 'Welcome to our new teammates joining engineering this week :wave:', 1 * day + 4 * hour],
        [3, 'The office wifi will be down for maintenance Saturday 8–10am.', 20 * hour],
        [-1, `Thanks everyone for the help with the launch yesterday :tada:`, 5 * hour],
      ],
    },
    {
      name: 'random', topic: 'Non-work banter and water cooler conversation', purpose: 'A place for non-work-related flimflam.',
      lines: [
        [2, 'Anyone tried the new ramen place on 3rd?', 1 * day + 2 * hour],
        [1, `Yes! Get the spicy miso. ${name(2)}, you'll love it.`, 1 * day + hour],
        [5, 'Photo from the hike on Sunday :mountain:', 7 * hour],
      ],
    },
    {
      name: 'engineering', topic: 'Deploys, incidents and code reviews', purpose: 'Engineering discussions.',
      lines: [
        [1, 'Deploying platform v2.14 to staging now.', 9 * hour],
        [3, 'Globex reports intermittent 502s on checkout. Investigating.', 6 * hour],
        [1, 'Root cause: gateway timeout set to 5s in yesterday\'s config change. Rolled back, error rate back to 0.', 4 * hour],
        [-1, 'Nice catch. Can we add an alert on gateway timeouts?', 3 * hour + 30],
        [0, 'Postmortem doc is up, please add your notes by Friday.', 2 * hour],
      ],
    },
    {
      name: 'design', topic: 'Design critiques', purpose: 'Share work in progress and get feedback.', is_member: false,
      lines: [[4, 'New onboarding mockups are in Figma, feedback welcome!', 1 * day]],
    },
    {
      name: 'leadership', topic: 'Leads sync', purpose: 'Private channel for team leads.', is_private: true,
      lines: [[0, 'Headcount plan for Q3 is due next week.', 1 * day + 6 * hour]],
    },
    {
      name: 'old-project', topic: '', purpose: 'Archived: the 2023 website relaunch.', is_archived: true,
      lines: [[5, 'Closing this channel, thanks all!', 90 * day]],
    },
  ];
  const channels = seeds.map((seed, i): SlackChannel => {
    const members = [idOf(-1), ...user.colleagues.map((_, j) => idOf(j))].filter((_, j) => !seed.is_private || j <= 3);
    const creator = idOf(i % 3);
    return {
      id: `C0${random.alnum(9)}`,
      name: seed.name,
      is_private: seed.is_private ?? false,
      is_archived: seed.is_archived ?? false,
      is_general: seed.name === 'general',
      is_member: seed.is_member ?? true,
      created: Math.floor(now.getTime() / 1000) - random.int(200, 900) * 86_400,
      creator,
      topic: seed.topic,
      purpose: seed.purpose,
      members: seed.is_member === false ? members.slice(1) : members,
      messages: seed.lines
        .map(([who, text, minutesAgo]) => ({ type: 'message' as const, user: idOf(who), text, ts: slackTs(now.getTime() - minutesAgo * 60_000, random), team: teamId }))
        .sort((a, b) => Number(a.ts) - Number(b.ts)),
    };
  });
  return {
    team: { id: teamId, name: user.company.name, domain: user.company.org },
    userId: idOf(-1),
    userName: user.login,
    userIds,
    people: [user, ...user.colleagues].map((person, i) => ({ id: userIds.get(person.email) as string, person, tz: TIME_ZONES[i % TIME_ZONES.length]! })),
    channels,
  };
}
