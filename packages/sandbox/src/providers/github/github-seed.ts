import { colleague, type MockPerson, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export interface GithubAccount {
  login: string;
  id: number;
  name: string;
  type: 'User' | 'Organization';
  email?: string;
}

export interface GithubLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface GithubIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | null;
  user: GithubAccount;
  labels: GithubLabel[];
  assignees: GithubAccount[];
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set on pull requests: the branches and whether it is a draft. */
  pull_request?: { merged_at: string | null; head: string; base: string; draft: boolean };
}

export interface GithubRepo {
  id: number;
  name: string;
  owner: GithubAccount;
  private: boolean;
  description: string | null;
  fork: boolean;
  language: string | null;
  stargazers_count: number;
  forks_count: number;
  default_branch: string;
  topics: string[];
  has_issues: boolean;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  labels: GithubLabel[];
  issues: GithubIssue[];
  /** Logins that may be assigned (collaborators). */
  collaborators: GithubAccount[];
  /** The default branch's files: path → text. */
  files: Record<string, string>;
}

export interface GithubWorld {
  viewer: GithubAccount & { created_at: string; bio: string; location: string; company: string };
  org: GithubAccount;
  repos: GithubRepo[];
}

const LABEL_COLORS: Record<string, [string, string | null, boolean]> = {
  bug: ['d73a4a', "Something isn't working", true],
  enhancement: ['a2eeef', 'New feature or request', true],
  documentation: ['0075ca', 'Improvements or additions to documentation', true],
  'good first issue': ['7057ff', 'Good for newcomers', true],
  incident: ['b60205', 'Customer-facing incident', false],
  observability: ['fbca04', 'Metrics, logs and alerts', false],
  migration: ['5319e7', null, false],
  'flaky-test': ['c5def5', 'Test fails intermittently', false],
};

interface IssueSeed {
  title: string;
  body: string;
  labels: string[];
  /** colleague index, -1 for the viewer */
  author: number;
  assignees?: number[];
  closed?: 'completed' | 'not_planned';
  pr?: boolean;
  /** The pull request's branch (default `patch-<number>`). */
  head?: string;
  comments: number;
  daysAgo: number;
}

/** The viewer's GitHub: 3 own repos (one private, one fork with issues off) and an org repo with a busy tracker. */
export function githubSeed(user: MockUser, random: SeededRandom, now: Date): GithubWorld {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const account = (p: MockPerson): GithubAccount => ({ login: p.login, id: random.int(1_000_000, 150_000_000), name: p.name, type: 'User', email: p.email });
  const viewer = { ...account(user), created_at: iso(now.getTime() - random.int(1500, 4000) * day), bio: 'Building things at Acme.', location: 'Berlin', company: `@${user.company.org}` };
  const people = user.colleagues.map(account);
  const who = (i: number) => (i < 0 ? viewer : (people[i % people.length] as GithubAccount));
  const org: GithubAccount = { login: user.company.org, id: random.int(1_000_000, 90_000_000), name: user.company.name, type: 'Organization' };
  let labelId = random.int(1_000_000_000, 6_000_000_000);
  let issueId = random.int(1_000_000_000, 2_500_000_000);

  const repo = (fields: { name: string; owner: GithubAccount; private: boolean; description: string; fork?: boolean; language: string | null; stars: number; topics?: string[]; ageDays: number; pushedDaysAgo: number; collaborators: GithubAccount[]; issues: IssueSeed[]; firstNumber?: number; files: Record<string, string> }): GithubRepo => {
    const labels = Object.entries(LABEL_COLORS).map(([name, [color, description, isDefault]]) => ({ id: labelId++, name, color, description, default: isDefault }));
    let number = fields.firstNumber ?? 1;
    const issues = fields.issues.map((seed): GithubIssue => {
      const created = now.getTime() - seed.daysAgo * day - random.int(0, 20) * 3_600_000;
      const updated = Math.min(now.getTime() - 60_000, created + random.int(1, 72) * 3_600_000);
      return {
        id: issueId++, number: number++, title: seed.title, body: seed.body,
        state: seed.closed ? 'closed' : 'open', state_reason: seed.closed ?? null,
        user: who(seed.author), labels: labels.filter((l) => seed.labels.includes(l.name)),
        assignees: (seed.assignees ?? []).map(who), comments: seed.comments,
        created_at: iso(created), updated_at: iso(updated), closed_at: seed.closed ? iso(updated) : null,
        ...(seed.pr ? { pull_request: { merged_at: seed.closed === 'completed' ? iso(updated) : null, head: seed.head ?? `patch-${number - 1}`, base: 'main', draft: false } } : {}),
      };
    });
    const pushed = now.getTime() - fields.pushedDaysAgo * day - random.int(0, 23) * 3_600_000;
    return {
      id: random.int(100_000_000, 900_000_000), name: fields.name, owner: fields.owner, private: fields.private,
      description: fields.description, fork: fields.fork ?? false, language: fields.language,
      stargazers_count: fields.stars, forks_count: Math.floor(fields.stars / 4), default_branch: 'main', topics: fields.topics ?? [],
      has_issues: !fields.fork, created_at: iso(now.getTime() - fields.ageDays * day), updated_at: iso(pushed + 3_600_000), pushed_at: iso(pushed),
      labels, issues, collaborators: fields.collaborators, files: fields.files,
    };
  };

  const manager = 0;
  const peer = 1;
  const ops = 3;
  return {
    viewer,
    org,
    repos: [
      repo({
        name: 'dotfiles', owner: viewer, private: false, description: 'My dotfiles: zsh, neovim, tmux', language: 'Shell', stars: random.int(3, 40),
        topics: ['dotfiles', 'neovim'], ageDays: 1200, pushedDaysAgo: 12, collaborators: [viewer],
        files: {
          'README.md': '# dotfiles\n\nRun `./install.sh` to link everything into $HOME.\n',
          'install.sh': '#!/bin/sh\nset -e\nBREW=/usr/local/bin/brew\n$BREW bundle --file=Brewfile\nln -sf "$PWD/zshrc" "$HOME/.zshrc"\n',
          zshrc: 'export EDITOR=nvim\nalias gs="git status"\n',
        },
        issues: [{ title: 'Install script fails on Apple Silicon', body: '`brew` lives in /opt/homebrew on M1, the script assumes /usr/local.', labels: ['bug'], author: 5, comments: 2, daysAgo: 30 }],
      }),
      repo({
        name: 'notes-app', owner: viewer, private: true, description: 'A tiny markdown notes app', language: 'TypeScript', stars: 0,
        ageDays: 300, pushedDaysAgo: 1, collaborators: [viewer, who(peer)],
        files: {
          'README.md': '# notes-app\n\nA tiny markdown notes app that syncs to the server.\n',
          'package.json': '{\n  "name": "notes-app",\n  "private": true,\n  "scripts": { "test": "vitest" }\n}\n',
          'src/index.ts': "import { createClient } from './sync.ts';\n\nexport const client = createClient({ baseUrl: '/api' });\n",
          'src/sync.ts': "export function createClient(options: { baseUrl: string }) {\n  // TODO: encode titles as UTF-8 before hashing\n  return { sync: (title: string) => fetch(`${options.baseUrl}/notes/${title}`) };\n}\n",
        },
        issues: [
          { title: 'Add dark mode', body: 'Follow the OS setting by default.', labels: ['enhancement'], author: peer, closed: 'completed', comments: 1, daysAgo: 45 },
          { title: 'Sync fails when a note title contains an emoji', body: 'Steps: create a note titled "🚀 launch", sync → 500 from the server.', labels: ['bug'], author: -1, assignees: [-1], comments: 3, daysAgo: 20 },
          { title: 'Export notes to PDF', body: 'Would be great for sharing meeting notes.', labels: ['enhancement', 'good first issue'], author: peer, comments: 0, daysAgo: 7 },
          { title: 'Fix emoji titles in sync', body: 'Encode titles as UTF-8 before hashing. Fixes #2.', labels: ['bug'], author: -1, pr: true, head: 'fix/emoji-titles', comments: 0, daysAgo: 2 },
        ],
      }),
      repo({
        name: 'awesome-agents', owner: viewer, private: false, fork: true, description: 'A curated list of AI agent frameworks and tools', language: null,
        stars: 0, ageDays: 90, pushedDaysAgo: 90, collaborators: [viewer], issues: [],
        files: { 'README.md': '# Awesome agents\n\n- LangChain\n- Vercel AI SDK\n- OpenAI Agents SDK\n' },
      }),
      repo({
        name: 'platform', owner: org, private: true, description: 'Core platform services: gateway, billing, checkout', language: 'Go', stars: random.int(20, 60),
        topics: ['go', 'microservices'], ageDays: 1800, pushedDaysAgo: 0, collaborators: [viewer, ...people.slice(0, 6)], firstNumber: 465,
        files: {
          'README.md': '# platform\n\nCore platform services: gateway, billing, checkout.\n\nSee docs/runbook.md for on-call.\n',
          'go.mod': 'module github.com/acme/platform\n\ngo 1.23\n',
          'gateway/config.go': 'package gateway\n\nimport "time"\n\n// Timeout for upstream calls; lowered in the config refactor.\nconst Timeout = 5 * time.Second\n',
          'billing/migrate.go': 'package billing\n\n// TODO: dual writes during the Postgres 16 migration\nfunc Migrate() error { return nil }\n',
          'docs/runbook.md': '# On-call runbook\n\n1. Check the gateway dashboard.\n2. Roll back with `make rollback`.\n',
        },
        issues: [
          { title: 'Flaky test: TestCheckoutRetry', body: 'Fails ~1 in 20 runs on CI with a timeout.', labels: ['flaky-test'], author: ops, closed: 'completed', comments: 4, daysAgo: 40 },
          { title: 'Migrate billing service to Postgres 16', body: 'Plan: logical replication, dual writes for a week, then cut over.', labels: ['migration'], author: manager, assignees: [-1, peer], comments: 7, daysAgo: 25 },
          { title: 'Document the on-call runbook for checkout', body: 'Include the gateway dashboards and the rollback procedure.', labels: ['documentation'], author: ops, comments: 1, daysAgo: 10 },
          { title: 'Gateway timeout too low after config refactor', body: 'Since the refactor, the gateway timeout is 5s; Globex sees 502s on checkout.', labels: ['bug', 'incident'], author: ops, assignees: [peer], comments: 5, daysAgo: 1 },
          { title: 'Add an alert on gateway timeouts', body: 'Page when the 502 rate exceeds 1% for 5 minutes.', labels: ['observability', 'enhancement'], author: -1, comments: 0, daysAgo: 0 },
          { title: 'Roll back gateway timeout to 30s', body: 'Reverts the timeout change from the config refactor.', labels: ['incident'], author: peer, pr: true, head: 'revert-gateway-timeout', closed: 'completed', comments: 2, daysAgo: 0 },
        ],
      }),
    ],
  };
}
