import { defineProviderModule } from '../../mock-api/index.ts';
import { createTrelloMock } from './trello-mock.ts';

/**
 * Trello: its REST API (`https://api.trello.com/1`, here `/trello/1`) and its OAuth 1.0a
 * endpoints (`https://trello.com/1/OAuth…`, here `/trello/1/OAuth…`) on one mock, since the
 * tokens the one mints are the ones the other checks. The OIDC server plays no part: a sandbox
 * connection to Trello points its three OAuth 1.0a endpoints at this mock.
 */
export const trelloProvider = defineProviderModule({
  id: 'trello',
  prefix: '/trello',
  realBase: 'https://api.trello.com',
  apiBasePath: '/trello/1',
  jsonType: 'application/json; charset=utf-8',
  createMock: createTrelloMock,
  connect({ state, origin, clientId, clientSecret }) {
    state.oauth.addConsumer(clientId, clientSecret);
    const base = `${origin}/trello/1`;
    return { requestTokenUrl: `${base}/OAuthGetRequestToken`, authorizationUrl: `${base}/OAuthAuthorizeToken`, tokenUrl: `${base}/OAuthGetAccessToken`, apiBaseUrl: base };
  },
});
