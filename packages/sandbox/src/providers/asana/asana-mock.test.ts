import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMockServer } from '../../../test/support/test-mock-server.ts';

type Server = Awaited<ReturnType<typeof startTestMockServer>>;

describe('Asana mock', () => {
  let s: Server;
  beforeAll(async () => {
    s = await startTestMockServer();
  });
  afterAll(() => s.close());

  it('answers compact records unless opt_fields names more, with next_page offsets', async () => {
    const compact = await s.call('GET', '/asana/api/1.0/workspaces?limit=1');
    const org = s.mock.state.asana.world('alice').workspaces[0]!;
    expect(compact.json).toEqual({ data: [{ gid: org.gid, resource_type: 'workspace', name: 'Acme Inc' }], next_page: { offset: expect.any(String), path: expect.stringMatching(/^\/workspaces\?limit=1&offset=/), uri: expect.stringMatching(/^https:\/\/app\.asana\.com\/api\/1\.0\/workspaces/) } });
    const next = await s.call('GET', `/asana/api/1.0/workspaces?limit=1&offset=${compact.json.next_page.offset}&opt_fields=is_organization`);
    expect(next.json).toEqual({ data: [{ gid: expect.any(String), resource_type: 'workspace', is_organization: false }], next_page: null });
    const tasks = await s.call('GET', `/asana/api/1.0/tasks?assignee=me&workspace=${org.gid}&completed_since=now&opt_fields=name,assignee.name,projects.name`);
    expect(tasks.json.data[0]).toEqual({ gid: expect.any(String), resource_type: 'task', name: 'Draft launch blog post', assignee: { gid: expect.any(String), resource_type: 'user', name: 'Alice Chen' }, projects: [{ gid: expect.any(String), resource_type: 'project', name: 'Website relaunch' }] });
  });

  it("refuses what Asana refuses, in Asana's error shape", async () => {
    expect((await s.call('GET', '/asana/api/1.0/tasks?assignee=me')).json).toEqual({ errors: [{ message: 'Must specify exactly one of project, tag, section, user task list, or assignee + workspace', help: expect.stringContaining('developers.asana.com') }] });
    expect((await s.call('PUT', '/asana/api/1.0/tasks/1', { body: { data: { completed: true } } })).status).toBe(404);
    expect((await s.call('GET', '/asana/api/1.0/users/me', { token: 'nope' })).json.errors[0].message).toBe('Not Authorized');
  });

  it('creates, completes and comments on tasks', async () => {
    const project = s.mock.state.asana.world('alice').projects[0]!;
    const created = await s.call('POST', '/asana/api/1.0/tasks?opt_fields=name,completed', { body: { data: { name: 'Mock task', projects: [project.gid], assignee: 'me' } } });
    expect(created.status).toBe(201);
    const done = await s.call('PUT', `/asana/api/1.0/tasks/${created.json.data.gid}?opt_fields=completed`, { body: { data: { completed: true } } });
    expect(done.json.data.completed).toBe(true);
    const story = await s.call('POST', `/asana/api/1.0/tasks/${created.json.data.gid}/stories`, { body: { data: { text: 'Nice.' } } });
    expect(story.json.data).toMatchObject({ resource_type: 'story', type: 'comment', text: 'Nice.' });
  });
});
