import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolsTestbed, type ToolsTestbed } from '../../../test/support/tools-testbed.ts';

/** The real Vercel definition through the sandbox: consent with PKCE, the team chosen by the link, the tools in that team. */
describe('Vercel through the sandbox', () => {
  let bed: ToolsTestbed;
  beforeAll(async () => {
    bed = await createToolsTestbed('sqlite');
  });
  afterAll(() => bed?.close());

  const run = async <T>(identifier: string, tool: string, input: unknown) => (await bed.ob.tools.execute({ identifier, tool, input })).data as T;

  it('acts in the person\'s own scope, or in the team the link names', async () => {
    await bed.connect('vercel', 'solo');
    expect((await run<{ projects: Array<{ name: string }> }>('solo', 'vercel_list_projects', {})).projects.map((p) => p.name)).toEqual(['blog']);

    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'vercel', identifier: 'teamed', fields: { team: 'acme' } });
    expect(await bed.follow(link)).toBe(200);
    const account = await bed.ob.accounts.get({ connection: 'vercel', identifier: 'teamed' });
    expect(account.values).toMatchObject({ team: 'acme', teamId: bed.mocks.state.vercel.teamOf('alice').id });
    const projects = await run<{ projects: Array<{ name: string; id: string }> }>('teamed', 'vercel_list_projects', {});
    expect(projects.projects.map((p) => p.name)).toEqual(['storefront', 'docs']);

    const failed = await run<{ deployments: Array<{ id: string; state: string }> }>('teamed', 'vercel_list_deployments', { projectId: projects.projects[0]!.id, state: 'ERROR' });
    expect(failed.deployments).toHaveLength(1);
    const env = await run<{ variables: Array<Record<string, unknown>> }>('teamed', 'vercel_list_env_names', { project: 'storefront' });
    expect(env.variables.map((v) => v.name)).toEqual(['DATABASE_URL', 'NEXT_PUBLIC_API_URL']);
    expect(JSON.stringify(env)).not.toContain('s3cret');
    const production = await run<{ deployments: Array<{ id: string }> }>('teamed', 'vercel_list_deployments', { projectId: 'storefront', target: 'production' });
    const redeployed = await run<{ id: string; state: string; target: string }>('teamed', 'vercel_redeploy', { deployment: production.deployments[0]!.id });
    expect(redeployed).toMatchObject({ state: 'QUEUED', target: 'production' });
    expect(await run('teamed', 'vercel_get_deployment', { deployment: redeployed.id })).toMatchObject({ id: redeployed.id, state: 'QUEUED' });
  });

  it('refuses a team the person does not belong to, and leaves the account unconnected', async () => {
    const { link } = await bed.ob.accounts.authorizationLink({ connection: 'vercel', identifier: 'stranger', fields: { team: 'globex' } });
    expect(await bed.follow(link)).toBe(400);
    expect(await bed.ob.accounts.get({ connection: 'vercel', identifier: 'stranger' })).toMatchObject({ status: 'PENDING' });
  });
});
