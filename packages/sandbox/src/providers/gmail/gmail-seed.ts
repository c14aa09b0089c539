import { colleague, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

/** One seeded mail before it gets ids and MIME: who, when, what, which labels. */
export interface GmailSeedMail {
  /** Mails with the same key share a thread; a later one replies to the earlier. */
  thread: string;
  from: { name: string; email: string };
  to: Array<{ name: string; email: string }>;
  subject: string;
  text: string;
  html?: string;
  attachment?: { filename: string; mimeType: string; content: string };
  labelIds: string[];
  minutesAgo: number;
}

const address = (p: { name: string; email: string }) => ({ name: p.name, email: p.email });

/**
 * 10–12 believable mails per user: a few unread and important, updates and promotions, a thread
 * with a reply, one sent mail, one in spam and one in trash (hidden unless includeSpamTrash).
 */
export function gmailSeed(user: MockUser, random: SeededRandom): GmailSeedMail[] {
  const me = address(user);
  const manager = colleague(user, 0);
  const peer = colleague(user, 1);
  const friend = colleague(user, 2);
  const ops = colleague(user, 3);
  const company = user.company;
  const hour = 60;
  const day = 24 * hour;
  const jitter = () => random.int(0, 50);
  const invoice = random.int(1000, 9999);
  const build = random.int(400, 999);

  const mails: GmailSeedMail[] = [
    {
      thread: 'q3', from: address(manager), to: [me], subject: 'Q3 planning doc — comments by Friday?',
      text: `Hi ${user.firstName},\n\nI've shared the Q3 planning doc. Could you add your comments on the platform section by Friday? In particular the migration timeline and the on-call staffing.\n\nThanks,\n${manager.firstName}`,
      html: `<div>Hi ${user.firstName},</div><div><br></div><div>I've shared the Q3 planning doc. Could you add your comments on the platform section by <b>Friday</b>? In particular the migration timeline and the on-call staffing.</div><div><br></div><div>Thanks,<br>${manager.firstName}</div>`,
      labelIds: ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'], minutesAgo: 2 * hour + jitter(),
    },
    {
      thread: 'escalation', from: address(ops), to: [me, address(peer)], subject: 'Customer escalation: Globex checkout errors',
      text: `Heads up — Globex reports intermittent 502s on checkout since this morning. Error rate is around 3%. I opened an incident channel. Can one of you take a look at the payment gateway logs?\n\n${ops.firstName}`,
      labelIds: ['IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'], minutesAgo: 6 * hour + jitter(),
    },
    {
      thread: 'escalation', from: address(peer), to: [address(ops), me], subject: 'Re: Customer escalation: Globex checkout errors',
      text: `On it. Looks like the gateway timeout dropped to 5s in yesterday's config change; rolling it back now and will report in the incident channel.\n\n${peer.firstName}`,
      labelIds: ['UNREAD', 'IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'], minutesAgo: 5 * hour + jitter(),
    },
    {
      thread: 'ci', from: { name: 'GitHub', email: 'notifications@github.com' }, to: [me], subject: `[${company.org}/platform] Run failed: CI - main (#${build})`,
      text: `Run failed for main (#${build})\n\nRepository: ${company.org}/platform\nWorkflow: CI\nDuration: 6m 12s\n\nView workflow run: https://github.com/${company.org}/platform/actions/runs/${random.digits(10)}`,
      labelIds: ['UNREAD', 'CATEGORY_UPDATES', 'INBOX'], minutesAgo: 9 * hour + jitter(),
    },
    {
      thread: 'lunch', from: address(friend), to: [me], subject: 'Lunch tomorrow?',
      text: `Hey! Want to grab lunch tomorrow? The new ramen place on 3rd opened this week. 12:30 works for me.`,
      labelIds: ['UNREAD', 'CATEGORY_PERSONAL', 'INBOX'], minutesAgo: 1 * day + 3 * hour + jitter(),
    },
    {
      thread: 'one-on-one', from: address(manager), to: [me], subject: 'Our 1:1 moves to Thursday',
      text: `Hi ${user.firstName}, I have a conflict on Wednesday, so I moved our 1:1 to Thursday at 10:00. Same agenda: career plan and the hiring loop.\n\n${manager.firstName}`,
      labelIds: ['CATEGORY_PERSONAL', 'INBOX'], minutesAgo: 1 * day + 7 * hour + jitter(),
    },
    {
      thread: 'receipt', from: { name: 'Acme Cloud Billing', email: 'billing@acmecloud.test' }, to: [me], subject: `Your receipt from Acme Cloud #${invoice}-${random.digits(4)}`,
      text: `Receipt #${invoice}\n\nAmount paid: $${random.int(20, 300)}.00\nDate paid: this month\nPayment method: Visa ending in ${random.digits(4)}\n\nQuestions? Reply to this email.`,
      attachment: { filename: `receipt-${invoice}.pdf`, mimeType: 'application/pdf', content: `%PDF-1.4 receipt ${invoice}` },
      labelIds: ['CATEGORY_UPDATES', 'INBOX'], minutesAgo: 2 * day + jitter(),
    },
    {
      thread: 'newsletter', from: { name: 'TypeScript Weekly', email: 'newsletter@tsweekly.test' }, to: [me], subject: 'This week in TypeScript: erasable syntax, faster type checks',
      text: `Issue #${random.int(200, 400)}\n\n- Node can now run TypeScript directly\n- Why erasable syntax matters\n- Five tsconfig options you should know\n\nUnsubscribe: https://tsweekly.test/unsubscribe`,
      html: `<h1>TypeScript Weekly</h1><ul><li>Node can now run TypeScript directly</li><li>Why erasable syntax matters</li><li>Five tsconfig options you should know</li></ul><p><a href="https://tsweekly.test/unsubscribe">Unsubscribe</a></p>`,
      labelIds: ['CATEGORY_PROMOTIONS', 'INBOX'], minutesAgo: 3 * day + jitter(),
    },
    {
      thread: 'security', from: { name: 'Google', email: 'no-reply@accounts.google.com' }, to: [me], subject: 'Security alert: new sign-in on Mac',
      text: `We noticed a new sign-in to your account (${user.email}) on a Mac device. If this was you, you don't need to do anything. If not, we'll help you secure your account.`,
      labelIds: ['CATEGORY_UPDATES', 'INBOX'], minutesAgo: 4 * day + jitter(),
    },
    {
      thread: 'expenses', from: { name: 'Expensify', email: 'concierge@expenses.test' }, to: [me], subject: 'Expense report "Berlin offsite" approved',
      text: `Good news! ${manager.name} approved your expense report "Berlin offsite" ($${random.int(300, 900)}.40). Reimbursement will arrive within 3 business days.`,
      labelIds: ['CATEGORY_UPDATES', 'INBOX'], minutesAgo: 5 * day + jitter(),
    },
    {
      thread: 'q3', from: me, to: [address(manager)], subject: 'Re: Q3 planning doc — comments by Friday?',
      text: `Will do — I'll have comments on the migration timeline in by Thursday.\n\n${user.firstName}`,
      labelIds: ['SENT'], minutesAgo: 1 * hour + jitter(),
    },
    {
      thread: 'spam', from: { name: 'Prize Desk', email: 'winner@prizes.test' }, to: [me], subject: 'You have WON a $500 gift card!!!',
      text: 'Click here to claim your prize before it expires.',
      labelIds: ['SPAM', 'UNREAD'], minutesAgo: 2 * day + 5 * hour + jitter(),
    },
    {
      thread: 'trash', from: { name: 'Old Forum', email: 'digest@forum.test' }, to: [me], subject: 'Your weekly forum digest',
      text: 'Here are the top posts from last week.',
      labelIds: ['TRASH', 'CATEGORY_UPDATES'], minutesAgo: 6 * day + jitter(),
    },
  ];
  // Some users have a little less mail: drop up to two optional ones, never the threads tests rely on.
  const optional = ['newsletter', 'expenses', 'security'];
  const drop = new Set(random.shuffle(optional).slice(0, random.int(0, 2)));
  return mails.filter((mail) => !drop.has(mail.thread));
}
