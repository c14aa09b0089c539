import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('Figma mock', () => {
  let s: Server;
  let team: string;
  let web: { id: string };
  let checkoutKey: string;
  beforeAll(async () => {
    s = await startTestMockServer();
    const world = s.mock.state.figma.world('alice');
    team = world.team.id;
    web = world.projects[0]!;
    checkoutKey = world.projects[0]!.files[0]!.key;
  });
  afterAll(() => s.close());

  it('answers /v1/me for a Bearer token and for X-Figma-Token; 403 { status, err } otherwise', async () => {
    const me = await s.call('GET', '/figma/v1/me');
    expect(me.json).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), handle: expect.any(String), email: 'alice@acme.test', img_url: expect.any(String) });
    const pat = await fetch(`${s.origin}/figma/v1/me`, { headers: { 'x-figma-token': 'tok-alice' } });
    expect(pat.status).toBe(200);
    const bad = await s.call('GET', '/figma/v1/me', { token: 'figd_wrong' });
    expect(bad.status).toBe(403);
    expect(bad.json).toEqual({ status: 403, err: 'Invalid token' });
    expect((await s.call('GET', '/figma/v1/me', { token: null })).status).toBe(403);
  });

  it('lists a team\'s projects and a project\'s files; bad ids answer in Figma\'s error shapes', async () => {
    const projects = await s.call('GET', `/figma/v1/teams/${team}/projects`);
    expect(projects.json).toEqual({ name: 'Acme Inc Design', projects: [{ id: web.id, name: 'Web' }, { id: expect.any(String), name: 'Team rituals' }] });
    const files = await s.call('GET', `/figma/v1/projects/${web.id}/files`);
    expect(files.json.name).toBe('Web');
    expect(files.json.files.map((f: { name: string }) => f.name)).toEqual(['Checkout redesign', 'Design system']);
    expect(files.json.files[0]).toEqual({ key: checkoutKey, name: 'Checkout redesign', thumbnail_url: expect.any(String), last_modified: expect.stringMatching(/Z$/) });
    expect((await s.call('GET', '/figma/v1/teams/abc/projects')).json).toEqual({ error: true, status: 400, message: 'Invalid team id', i18n: null });
    expect((await s.call('GET', '/figma/v1/teams/123/projects')).status).toBe(403);
    expect((await s.call('GET', '/figma/v1/projects/1/files')).json).toEqual({ status: 404, err: 'Not found' });
  });

  it('returns a file\'s document cut at depth, and 404s unknown files and versions', async () => {
    const full = await s.call('GET', `/figma/v1/files/${checkoutKey}`);
    expect(full.json).toMatchObject({ name: 'Checkout redesign', editorType: 'figma', role: 'editor', version: expect.stringMatching(/^\d+$/), document: { type: 'DOCUMENT' } });
    const payment = full.json.document.children[1].children[1];
    expect(payment).toMatchObject({ name: 'Payment', type: 'FRAME', children: [{ name: 'Card number' }, { name: 'Pay button' }, { name: 'Total', type: 'TEXT' }] });
    const pages = await s.call('GET', `/figma/v1/files/${checkoutKey}?depth=1`);
    expect(pages.json.document.children.map((c: { name: string; children?: unknown }) => [c.name, c.children])).toEqual([['Cover', undefined], ['Checkout', undefined]]);
    const frames = await s.call('GET', `/figma/v1/files/${checkoutKey}?depth=2`);
    expect(frames.json.document.children[1].children.map((c: { name: string; children?: unknown }) => [c.name, c.children])).toEqual([['Cart', undefined], ['Payment', undefined], ['Done', undefined]]);
    expect((await s.call('GET', `/figma/v1/files/${checkoutKey}?version=${full.json.version}`)).status).toBe(200);
    expect((await s.call('GET', `/figma/v1/files/${checkoutKey}?version=1`)).status).toBe(404);
    expect((await s.call('GET', '/figma/v1/files/nope')).json).toEqual({ status: 404, err: 'Not found' });
  });

  it('lists comments with threads, pins and resolution; posts comments, pins and replies; refuses a reply to a reply', async () => {
    const listed = await s.call('GET', `/figma/v1/files/${checkoutKey}/comments?as_md=true`);
    const [root, reply, resolved] = listed.json.comments;
    expect(root).toMatchObject({ id: expect.any(String), file_key: checkoutKey, parent_id: '', message: 'Can we make the **Pay** button larger?', client_meta: { node_id: expect.any(String), node_offset: { x: 120, y: 48 } }, order_id: '1', reactions: [], user: { handle: expect.any(String) } });
    expect(reply).toMatchObject({ parent_id: root.id, order_id: null });
    expect(resolved.resolved_at).toEqual(expect.stringMatching(/Z$/));

    const pinned = await s.call('POST', `/figma/v1/files/${checkoutKey}/comments`, { body: { message: 'Spacing looks off', client_meta: { node_id: root.client_meta.node_id, node_offset: { x: 0, y: 0 } } } });
    expect(pinned.status).toBe(200);
    expect(pinned.json).toMatchObject({ message: 'Spacing looks off', parent_id: '', order_id: '3', client_meta: { node_id: root.client_meta.node_id } });
    const answer = await s.call('POST', `/figma/v1/files/${checkoutKey}/comments`, { body: { message: 'Agreed', comment_id: root.id } });
    expect(answer.json).toMatchObject({ parent_id: root.id, order_id: null, client_meta: root.client_meta });
    const nested = await s.call('POST', `/figma/v1/files/${checkoutKey}/comments`, { body: { message: 'x', comment_id: reply.id } });
    expect(nested.json).toEqual({ error: true, status: 400, message: 'Cannot reply to a reply', i18n: null });
    expect((await s.call('POST', `/figma/v1/files/${checkoutKey}/comments`, { body: {} })).status).toBe(400);
    expect(s.mock.state.figma.postedComments.map((p) => p.comment.message)).toEqual(['Spacing looks off', 'Agreed']);
    expect((await s.call('GET', `/figma/v1/files/${checkoutKey}/comments`)).json.comments).toHaveLength(5);
  });
});
