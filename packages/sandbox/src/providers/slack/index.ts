import { defineProviderModule } from '../../mock-api/index.ts';
import { slackDialect } from './slack-dialect.ts';
import { createSlackMock } from './slack-mock.ts';

/** Slack Web API: methods live under `https://slack.com/api`, so a connection's API base is `/slack/api`. */
export const slackProvider = defineProviderModule({
  id: 'slack',
  prefix: '/slack',
  realBase: 'https://slack.com',
  apiBasePath: '/slack/api',
  jsonType: 'application/json; charset=utf-8',
  createMock: createSlackMock,
  dialect: slackDialect,
});
