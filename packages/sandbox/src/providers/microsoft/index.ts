import { defineProviderModule } from '../../mock-api/index.ts';
import { createGraphMock } from './graph-mock.ts';
import { microsoftDialect, microsoftEndpoints } from './microsoft-dialect.ts';

export { createGraphMock, graphError } from './graph-mock.ts';
export type { GraphMockState } from './graph-mock.ts';

/**
 * Microsoft Graph v1.0 behind the four Microsoft catalog providers. Each has its own prefix (and
 * its own seeded data) so a connection of each can be made; every prefix serves all of Graph, as
 * the one real API does. The catalog's API base is `https://graph.microsoft.com/v1.0`, here
 * `/<id>/v1.0`.
 */
function graphModule<const Id extends string>(id: Id) {
  return defineProviderModule({
    id,
    prefix: `/${id}`,
    realBase: 'https://graph.microsoft.com',
    apiBasePath: `/${id}/v1.0`,
    jsonType: 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
    createMock: createGraphMock,
    dialect: microsoftDialect,
    oauthEndpoints: microsoftEndpoints,
  });
}

export const outlookProvider = graphModule('outlook');
export const microsoftCalendarProvider = graphModule('microsoft_calendar');
export const onedriveProvider = graphModule('onedrive');
export const microsoftTeamsProvider = graphModule('microsoft_teams');
