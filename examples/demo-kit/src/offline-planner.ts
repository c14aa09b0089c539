/**
 * The offline stand-in model's brain: a few regular expressions that turn simple requests into
 * tool calls, and tool results into a short answer. It exists so the examples run without an LLM
 * API key; it is labelled as such everywhere it answers. It is not an LLM and does not pretend to be.
 */
export interface PlannedCall {
  name: string;
  args: Record<string, unknown>;
}

export interface ToolOutcome {
  name: string;
  output: unknown;
}

export const OFFLINE_MODEL_LABEL = 'offline stand-in model (no LLM: set OPENAI_API_KEY or GOOGLE_API_KEY for a real one)';

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

function count(text: string, fallback: number): number {
  const match = /\b(?:last|latest|recent|top|first)?\s*(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b/i.exec(text);
  if (!match) return fallback;
  const value = NUMBER_WORDS[match[1]!.toLowerCase()] ?? Number(match[1]);
  return Math.min(Math.max(value, 1), 50);
}

const quoted = (text: string): string | undefined => /["'“‘]([^"'”’]+)["'”’]/.exec(text)?.[1];

type Rule = { tool: string; match: (text: string) => Record<string, unknown> | undefined };

const RULES: Rule[] = [
  {
    tool: 'slack_send_message',
    match: (text) => {
      const channel = /#([a-z0-9_-]+)/i.exec(text)?.[1];
      const message = quoted(text);
      return /\b(post|send|say|write)\b/i.test(text) && channel && message ? { channel: `#${channel}`, text: message } : undefined;
    },
  },
  {
    tool: 'gmail_send_email',
    match: (text) => {
      const to = /\bto\s+([^\s,]+@[^\s,]+)/i.exec(text)?.[1];
      const subject = /\bsubject\s+["'“]([^"'”]+)["'”]/i.exec(text)?.[1] ?? 'Hello';
      const body = /\b(?:saying|body|message)\s+["'“]([^"'”]+)["'”]/i.exec(text)?.[1] ?? quoted(text);
      return /\b(send|write)\b.*\b(e-?mail|mail)\b/i.test(text) && to && body ? { to, subject, body } : undefined;
    },
  },
  {
    // Named explicitly: with Gmail connected too, "my emails" stays Gmail's.
    tool: 'outlook_list_messages',
    match: (text) => (/\boutlook\b/i.test(text) ? { unreadOnly: /\bunread\b/i.test(text), limit: count(text, 5) } : undefined),
  },
  {
    tool: 'gmail_fetch_mails',
    match: (text) =>
      /\b(e-?mails?|mails?|inbox)\b/i.test(text)
        ? { query: /\bunread\b/i.test(text) ? 'is:unread' : 'in:inbox', maxResults: count(text, 5) }
        : undefined,
  },
  {
    tool: 'google_calendar_list_events',
    match: (text) => (/\b(calendar|events?|meetings?|agenda|schedule)\b/i.test(text) ? { maxResults: count(text, 5), timeMin: new Date().toISOString() } : undefined),
  },
  {
    tool: 'slack_list_channels',
    match: (text) => (/\bchannels?\b/i.test(text) ? { limit: count(text, 20) } : undefined),
  },
  {
    tool: 'github_create_issue',
    match: (text) => {
      const repo = /\b([\w.-]+)\/([\w.-]+)\b/.exec(text);
      const title = quoted(text);
      return /\b(open|create|file)\b.*\bissue\b/i.test(text) && repo && title ? { owner: repo[1], repo: repo[2], title } : undefined;
    },
  },
  {
    tool: 'github_list_issues',
    match: (text) => {
      const repo = /\b([\w.-]+)\/([\w.-]+)\b/.exec(text);
      return /\bissues?\b/i.test(text) && repo ? { owner: repo[1], repo: repo[2], state: 'open' } : undefined;
    },
  },
  {
    tool: 'github_list_repos',
    match: (text) => (/\b(repos|repositories|repo)\b/i.test(text) ? { sort: 'updated', per_page: count(text, 10) } : undefined),
  },
  {
    tool: 'notion_search',
    match: (text) => {
      const query = quoted(text) ?? /\bnotion\s+(?:for\s+)?(.+)$/i.exec(text)?.[1];
      return /\bnotion\b/i.test(text) ? { query: query ?? '' } : undefined;
    },
  },
];

/** The tool calls for `message`, using only tools that are available; [] when nothing fits. */
export function planToolCalls(message: string, available: readonly string[]): PlannedCall[] {
  const names = new Set(available);
  for (const rule of RULES) {
    if (!names.has(rule.tool)) continue;
    const args = rule.match(message);
    if (args) return [{ name: rule.tool, args }];
  }
  return [];
}

export function helpText(available: readonly string[]): string {
  const examples = [
    ['gmail_fetch_mails', '"show my last 5 unread emails"'],
    ['outlook_list_messages', '"show my unread Outlook mail"'],
    ['slack_send_message', `"post 'hello' to #general"`],
    ['google_calendar_list_events', '"what is on my calendar?"'],
    ['github_list_repos', '"list my repos"'],
    ['notion_search', '"search notion for roadmap"'],
  ].filter(([tool]) => available.includes(tool!));
  return `I am the ${OFFLINE_MODEL_LABEL}. I understand simple requests such as ${examples.map(([, e]) => e).join(', ') || '(no tools are available)'}.`;
}

function describeItem(item: Record<string, unknown>): string {
  if ('subject' in item) {
    const from = String(item.from ?? '').replace(/\s*<[^>]+>/, '');
    return `${item.unread ? '● ' : ''}${String(item.subject)} — from ${from}${item.date ? ` (${String(item.date)})` : ''}`;
  }
  if ('summary' in item) return `${String(item.summary)}${item.start ? ` — ${String((item.start as { dateTime?: string; date?: string }).dateTime ?? (item.start as { date?: string }).date ?? item.start)}` : ''}`;
  if ('full_name' in item || 'fullName' in item) return String(item.full_name ?? item.fullName);
  if ('title' in item && 'number' in item) return `#${String(item.number)} ${String(item.title)}`;
  if ('name' in item) return String(item.name);
  if ('title' in item) return String(item.title);
  return JSON.stringify(item);
}

function listOf(output: unknown): Record<string, unknown>[] | undefined {
  if (Array.isArray(output)) return output as Record<string, unknown>[];
  if (output && typeof output === 'object') {
    for (const value of Object.values(output)) if (Array.isArray(value)) return value as Record<string, unknown>[];
  }
  return undefined;
}

/** A short answer from what the tools returned, including an authorization request. */
export function summarize(outcomes: readonly ToolOutcome[]): string {
  const lines: string[] = [];
  for (const { name, output } of outcomes) {
    const result = (typeof output === 'string' ? safeJson(output) : output) as Record<string, unknown> | unknown[] | null;
    const error = result && !Array.isArray(result) ? (result as Record<string, unknown>).error : undefined;
    if (error === 'AUTHORIZATION_REQUIRED') {
      const r = result as Record<string, unknown>;
      lines.push(`I need access first: ${String(r.message ?? 'the account is not connected')} Connect it here: ${String(r.authorizationLink ?? '(no link)')}`);
      continue;
    }
    if (error) {
      lines.push(`${name} failed: ${String((result as Record<string, unknown>).message ?? error)}`);
      continue;
    }
    const items = listOf(result);
    if (items) {
      lines.push(items.length === 0 ? `${name}: nothing found.` : `Here is what ${name} found:\n${items.map((item, i) => `${i + 1}. ${describeItem(item)}`).join('\n')}`);
    } else {
      lines.push(`Done (${name}): ${JSON.stringify(result)}`);
    }
  }
  return lines.join('\n\n');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
