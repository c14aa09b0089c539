import { colleague, type MockPerson, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

/** One seeded event before it becomes a Calendar `Event` resource. */
export interface CalendarSeedEvent {
  summary: string;
  description?: string;
  location?: string;
  /** Day offset from today (UTC) and start/end as minutes after midnight; `allDayDays` makes it all-day. */
  day: number;
  startMinute: number;
  endMinute: number;
  allDayDays?: number;
  organizer?: MockPerson;
  attendees: Array<{ person: MockPerson; responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted' }>;
  /** The user's own answer when someone else organizes. */
  selfResponse?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  status?: 'confirmed' | 'tentative' | 'cancelled';
}

/** A week of believable events around today: standups, a 1:1, reviews, lunch, an offsite, one cancelled. */
export function calendarSeed(user: MockUser, random: SeededRandom): CalendarSeedEvent[] {
  const manager = colleague(user, 0);
  const peer = colleague(user, 1);
  const friend = colleague(user, 2);
  const ops = colleague(user, 3);
  const designer = colleague(user, 4);
  const team = [manager, peer, ops, designer];
  const at = (h: number, m = 0) => h * 60 + m;
  const standup = (day: number): CalendarSeedEvent => ({
    summary: 'Daily standup', description: 'What did you do, what will you do, anything blocking?',
    location: 'Google Meet', day, startMinute: at(9, 30), endMinute: at(9, 45), organizer: manager,
    attendees: team.map((person) => ({ person, responseStatus: 'accepted' as const })), selfResponse: 'accepted',
  });
  const lunchHour = random.pick([12, 13]);
  return [
    {
      summary: 'Q3 planning kickoff', description: 'Goals, headcount and the platform migration timeline.',
      location: 'Room 4B', day: -1, startMinute: at(15), endMinute: at(16), organizer: manager,
      attendees: [...team, friend].map((person) => ({ person, responseStatus: 'accepted' as const })), selfResponse: 'accepted',
    },
    standup(0),
    standup(1),
    standup(2),
    {
      summary: 'Design review: onboarding flow', description: 'Walkthrough of the new onboarding screens. Figma link in the doc.',
      location: 'Room 2A', day: 1, startMinute: at(14), endMinute: at(15), organizer: designer,
      attendees: [{ person: designer, responseStatus: 'accepted' }, { person: peer, responseStatus: 'tentative' }], selfResponse: 'needsAction',
    },
    {
      summary: `Lunch with ${friend.firstName}`, location: 'Ramen Bar, 3rd Street', day: 1,
      startMinute: at(lunchHour, 30), endMinute: at(lunchHour + 1, 30), attendees: [{ person: friend, responseStatus: 'accepted' }],
    },
    {
      summary: `1:1 ${user.firstName} / ${manager.firstName}`, description: 'Career plan, hiring loop.', location: 'Google Meet',
      day: 2, startMinute: at(10), endMinute: at(10, 30), organizer: manager,
      attendees: [{ person: manager, responseStatus: 'accepted' }], selfResponse: 'accepted',
    },
    {
      summary: 'Vendor demo: observability platform', day: 2, startMinute: at(16), endMinute: at(17), organizer: ops,
      attendees: [{ person: ops, responseStatus: 'accepted' }], selfResponse: 'accepted', status: 'cancelled',
    },
    { summary: 'Dentist appointment', location: 'Smile Dental, 12 Harbor Rd', day: 3, startMinute: at(17), endMinute: at(18), attendees: [] },
    {
      summary: 'Sprint planning', description: 'Bring your estimates.', location: 'Room 4B', day: 4,
      startMinute: at(13), endMinute: at(14, 30), organizer: peer,
      attendees: team.map((person) => ({ person, responseStatus: random.pick(['accepted', 'accepted', 'tentative'] as const) })), selfResponse: 'accepted',
    },
    {
      summary: `${user.company.name} offsite`, description: 'Two days in the mountains. Agenda to follow.', location: 'Lakeside Lodge',
      day: 6, startMinute: 0, endMinute: 0, allDayDays: 2, attendees: [],
    },
  ];
}
