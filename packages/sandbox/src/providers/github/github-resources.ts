import { createHash } from 'node:crypto';
import type { GithubAccount, GithubIssue, GithubLabel, GithubRepo, GithubWorld } from './github-seed.ts';

/** Resource shapes as api.github.com returns them (URLs point at the real API, as GitHub's do). */
const API = 'https://api.github.com';
const WEB = 'https://github.com';

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kgDO${Buffer.from(String(id)).toString('base64url').slice(0, 10)}`;
}

export function simpleUser(account: GithubAccount) {
  const url = `${API}/users/${account.login}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type === 'Organization' ? 'O' : 'U', account.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${account.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `GET /user`: the private-user shape for the token's owner. */
export function privateUser(world: GithubWorld) {
  const v = world.viewer;
  const own = world.repos.filter((r) => r.owner.login === v.login);
  return {
    ...simpleUser(v),
    name: v.name,
    company: v.company,
    blog: '',
    location: v.location,
    email: v.email ?? null,
    hireable: null,
    bio: v.bio,
    twitter_username: null,
    notification_email: v.email ?? null,
    public_repos: own.filter((r) => !r.private).length,
    public_gists: 2,
    followers: 17,
    following: 9,
    created_at: v.created_at,
    updated_at: own.map((r) => r.updated_at).sort().at(-1) ?? v.created_at,
    private_gists: 1,
    total_private_repos: own.filter((r) => r.private).length,
    owned_private_repos: own.filter((r) => r.private).length,
    disk_usage: 10240,
    collaborators: 1,
    two_factor_authentication: true,
    plan: { name: 'pro', space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}

export function labelResource(repo: GithubRepo, label: GithubLabel) {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${API}/repos/${repo.owner.login}/${repo.name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

export function repoResource(repo: GithubRepo, viewerLogin: string) {
  const full = `${repo.owner.login}/${repo.name}`;
  const url = `${API}/repos/${full}`;
  const openIssues = repo.issues.filter((i) => i.state === 'open').length;
  const admin = repo.owner.login === viewerLogin;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: simpleUser(repo.owner),
    html_url: `${WEB}/${full}`,
    description: repo.description,
    fork: repo.fork,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: repo.pushed_at,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${WEB}/${full}.git`,
    svn_url: `${WEB}/${full}`,
    homepage: null,
    size: 100 + (repo.id % 5000),
    stargazers_count: repo.stargazers_count,
    watchers_count: repo.stargazers_count,
    language: repo.language,
    has_issues: repo.has_issues,
    has_projects: true,
    has_downloads: true,
    has_wiki: !repo.private,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks_count,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? 'private' : 'public',
    forks: repo.forks_count,
    open_issues: openIssues,
    watchers: repo.stargazers_count,
    default_branch: repo.default_branch,
    permissions: { admin, maintain: admin, push: true, triage: true, pull: true },
  };
}

export function issueResource(repo: GithubRepo, issue: GithubIssue, viewerLogin: string) {
  const full = `${repo.owner.login}/${repo.name}`;
  const url = `${API}/repos/${full}/issues/${issue.number}`;
  const isPr = issue.pull_request !== undefined;
  const assignees = issue.assignees.map(simpleUser);
  const association = issue.user.login === repo.owner.login ? 'OWNER' : repo.collaborators.some((c) => c.login === issue.user.login) ? 'MEMBER' : 'CONTRIBUTOR';
  return {
    url,
    repository_url: `${API}/repos/${full}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${full}/${isPr ? 'pull' : 'issues'}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(isPr ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    user: simpleUser(issue.user),
    labels: issue.labels.map((l) => labelResource(repo, l)),
    state: issue.state,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: issue.user.login === viewerLogin && repo.owner.login !== viewerLogin ? 'MEMBER' : association,
    type: null,
    active_lock_reason: null,
    ...(isPr ? {
      draft: false,
      pull_request: {
        url: `${API}/repos/${full}/pulls/${issue.number}`,
        html_url: `${WEB}/${full}/pull/${issue.number}`,
        diff_url: `${WEB}/${full}/pull/${issue.number}.diff`,
        patch_url: `${WEB}/${full}/pull/${issue.number}.patch`,
        merged_at: issue.pull_request?.merged_at ?? null,
      },
    } : {}),
    body: issue.body,
    closed_by: null,
    reactions: {
      url: `${url}/reactions`, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0,
    },
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
}

/** `pull-request-simple` (lists) or, with `full`, `pull-request` (create). */
export function pullResource(repo: GithubRepo, issue: GithubIssue, viewerLogin: string, full = false) {
  const fullName = `${repo.owner.login}/${repo.name}`;
  const url = `${API}/repos/${fullName}/pulls/${issue.number}`;
  const pr = issue.pull_request!;
  const base = issueResource(repo, issue, viewerLogin);
  const branch = (ref: string) => ({ label: `${repo.owner.login}:${ref}`, ref, sha: blobSha(`${fullName}@${ref}`), user: simpleUser(repo.owner), repo: repoResource(repo, viewerLogin) });
  return {
    url,
    id: issue.id,
    node_id: base.node_id,
    html_url: `${WEB}/${fullName}/pull/${issue.number}`,
    diff_url: `${WEB}/${fullName}/pull/${issue.number}.diff`,
    patch_url: `${WEB}/${fullName}/pull/${issue.number}.patch`,
    issue_url: `${API}/repos/${fullName}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    comments_url: `${API}/repos/${fullName}/issues/${issue.number}/comments`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: base.user,
    body: issue.body,
    labels: base.labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pr.merged_at,
    merge_commit_sha: pr.merged_at ? blobSha(`${fullName}#${issue.number}`) : null,
    assignee: base.assignee,
    assignees: base.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pr.head),
    base: branch(pr.base),
    author_association: base.author_association,
    auto_merge: null,
    draft: pr.draft,
    ...(full ? { merged: pr.merged_at !== null, mergeable: null, rebaseable: null, mergeable_state: 'unknown', merged_by: null, comments: issue.comments, review_comments: 0, maintainer_can_modify: false, commits: 1, additions: 1, deletions: 1, changed_files: 1 } : {}),
  };
}

export function commentResource(repo: GithubRepo, issue: GithubIssue, comment: { id: number; body: string; user: GithubAccount; created_at: string }) {
  const fullName = `${repo.owner.login}/${repo.name}`;
  const kind = issue.pull_request ? 'pull' : 'issues';
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${API}/repos/${fullName}/issues/comments/${comment.id}`,
    html_url: `${WEB}/${fullName}/${kind}/${issue.number}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simpleUser(comment.user),
    created_at: comment.created_at,
    updated_at: comment.created_at,
    issue_url: `${API}/repos/${fullName}/issues/${issue.number}`,
    author_association: repo.owner.login === comment.user.login ? 'OWNER' : 'MEMBER',
    performed_via_github_app: null,
  };
}

/** Git's blob id: SHA-1 over `blob <size>\0<content>`. */
export function blobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes])).digest('hex');
}

function contentLinks(repo: GithubRepo, path: string, type: 'file' | 'dir', sha: string) {
  const fullName = `${repo.owner.login}/${repo.name}`;
  const self = `${API}/repos/${fullName}/contents/${path}?ref=${repo.default_branch}`;
  const git = `${API}/repos/${fullName}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
  const html = `${WEB}/${fullName}/${type === 'file' ? 'blob' : 'tree'}/${repo.default_branch}/${path}`;
  return { url: self, git_url: git, html_url: html, download_url: type === 'file' ? `https://raw.githubusercontent.com/${fullName}/${repo.default_branch}/${path}` : null, _links: { self, git, html } };
}

/** `content-file`: the text base64-encoded in 60-character lines, as GitHub sends it. */
export function fileContentResource(repo: GithubRepo, path: string, text: string) {
  const sha = blobSha(text);
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  return {
    type: 'file', encoding: 'base64', size: Buffer.byteLength(text), name: path.split('/').at(-1)!, path,
    content: `${base64.match(/.{1,60}/g)?.join('\n') ?? ''}\n`, sha, ...contentLinks(repo, path, 'file', sha),
  };
}

/** One entry of `content-directory`. */
export function directoryEntryResource(repo: GithubRepo, path: string, type: 'file' | 'dir', text?: string) {
  const sha = blobSha(text ?? `tree:${path}`);
  return { type, size: type === 'file' ? Buffer.byteLength(text ?? '') : 0, name: path.split('/').at(-1)!, path, sha, ...contentLinks(repo, path, type, sha) };
}
