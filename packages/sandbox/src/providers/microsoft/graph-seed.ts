import { colleague, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

/** One person's Microsoft 365 data, as the Graph mock keeps it (Graph's own field names). */
export interface GraphStore {
  user: MockUser;
  userId: string;
  /** The drive's root folder. */
  rootId: string;
  messages: Array<Record<string, unknown> & { id: string; parentFolderId: string; receivedDateTime: string; isRead: boolean; subject: string; text: string }>;
  events: Array<Record<string, unknown> & { id: string; subject: string; start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } }>;
  items: Array<{ id: string; name: string; parentId: string | null; folder: boolean; mimeType?: string; content?: string; modified: string }>;
  teams: Array<{ id: string; displayName: string; description: string; channels: Array<{ id: string; displayName: string; description: string | null; membershipType: string; messages: Array<Record<string, unknown>> }> }>;
  chats: Array<{ id: string; topic: string | null; chatType: string; members: string[]; messages: Array<Record<string, unknown>> }>;
  random: SeededRandom;
}

const HOUR = 3_600_000;
const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.0000000');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function graphId(random: SeededRandom, prefix = 'AAMkAGI2'): string {
  return `${prefix}${random.alnum(40)}AAA=`;
}

/** A small, believable tenant around the signed-in user: a few mails, meetings, files, a team and chats. */
export function graphSeed(user: MockUser, random: SeededRandom, now: Date): GraphStore {
  const t = now.getTime();
  const day = Math.floor(t / 86_400_000) * 86_400_000;
  const boss = colleague(user, 0);
  const peer = colleague(user, 1);
  const other = colleague(user, 2);
  const person = (p: { name: string; email: string }) => ({ emailAddress: { name: p.name, address: p.email } });
  const me = { emailAddress: { name: user.name, address: user.email } };

  const mail = (subject: string, from: { name: string; email: string }, hoursAgo: number, text: string, isRead: boolean, folder = 'inbox') => ({
    id: graphId(random),
    parentFolderId: folder,
    subject,
    from: person(from),
    sender: person(from),
    toRecipients: [me],
    ccRecipients: [],
    receivedDateTime: iso(t - hoursAgo * HOUR),
    isRead,
    hasAttachments: false,
    conversationId: graphId(random, 'AAQkAGI2'),
    webLink: `https://outlook.office365.com/owa/?ItemID=${random.alnum(20)}&exvsurl=1&viewmodel=ReadMessageItem`,
    text,
  });
  const event = (subject: string, startHour: number, minutes: number, organizer: { name: string; email: string }, attendees: Array<{ name: string; email: string }>, location = '') => ({
    id: graphId(random),
    subject,
    start: { dateTime: graphTime(day + startHour * HOUR), timeZone: 'UTC' },
    end: { dateTime: graphTime(day + startHour * HOUR + minutes * 60_000), timeZone: 'UTC' },
    isAllDay: false,
    isCancelled: false,
    showAs: 'busy',
    location: { displayName: location },
    organizer: person(organizer),
    attendees: attendees.map((a) => ({ type: 'required', status: { response: 'accepted', time: iso(t - 48 * HOUR) }, ...person(a) })),
    bodyPreview: '',
    webLink: `https://outlook.office365.com/owa/?itemid=${random.alnum(20)}&exvsurl=1&path=/calendar/item`,
    onlineMeeting: null,
  });

  const rootId = `01${random.alnum(32).toUpperCase()}`;
  const financeId = `01${random.alnum(32).toUpperCase()}`;
  return {
    user,
    userId: random.uuid(),
    rootId,
    random,
    messages: [
      mail('Q3 budget review', boss, 2, `Hi ${user.firstName},\n\nPlease look at the Q3 budget draft before Friday. Travel is 12% over plan.\n\nThanks,\n${boss.firstName}`, false),
      mail('Lunch on Thursday?', peer, 5, 'Are you free for lunch on Thursday at noon?', false),
      mail('Release notes 4.2', other, 26, 'The 4.2 release notes are ready for review.', true),
      mail('Re: onboarding plan', user, 30, 'Sent: the onboarding plan for the new hires.', true, 'sentitems'),
    ],
    events: [
      event('Standup', 9, 15, boss, [boss, peer, user]),
      event('Budget review', 14, 60, boss, [boss, user], 'Conf Room Baker'),
      event('1:1', 24 + 10, 30, user, [peer]),
    ],
    items: [
      { id: financeId, name: 'Finance', parentId: rootId, folder: true, modified: iso(t - 72 * HOUR) },
      { id: `01${random.alnum(32).toUpperCase()}`, name: 'Budget notes.md', parentId: rootId, folder: false, mimeType: 'text/markdown', content: '# Budget notes\n\n- travel is 12% over plan\n- hiring on track\n', modified: iso(t - 20 * HOUR) },
      { id: `01${random.alnum(32).toUpperCase()}`, name: 'Budget 2025.xlsx', parentId: financeId, folder: false, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: 'PK\u0003\u0004', modified: iso(t - 30 * HOUR) },
    ],
    teams: [{
      id: random.uuid(),
      displayName: `${user.company.name} Team`,
      description: `Everyone at ${user.company.name}`,
      channels: [
        { id: `19:${random.hex(32)}@thread.tacv2`, displayName: 'General', description: `${user.company.name} general channel`, membershipType: 'standard', messages: [] },
        { id: `19:${random.hex(32)}@thread.tacv2`, displayName: 'Budget', description: null, membershipType: 'private', messages: [] },
      ],
    }],
    chats: [
      { id: `19:${random.hex(32)}@thread.v2`, topic: 'Budget crew', chatType: 'group', members: [user.name, boss.name, peer.name], messages: [
        { id: String(t - 3 * HOUR), messageType: 'message', createdDateTime: iso(t - 3 * HOUR), from: { user: { displayName: boss.name } }, body: { contentType: 'html', content: '<p>Travel is <b>12%</b> over, can someone check?</p>' } },
      ] },
      { id: `19:${random.hex(32)}_${random.hex(32)}@unq.gbl.spaces`, topic: null, chatType: 'oneOnOne', members: [user.name, peer.name], messages: [] },
    ],
  };
}

export { graphTime, iso };
