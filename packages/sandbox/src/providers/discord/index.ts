import { defineProviderModule } from '../../mock-api/index.ts';
import { discordDialect } from './discord-dialect.ts';
import { createDiscordMock } from './discord-mock.ts';

/** Discord's HTTP API: the catalog's API base is `https://discord.com/api/v10`, here `/discord/api/v10`. */
export const discordProvider = defineProviderModule({
  id: 'discord',
  prefix: '/discord',
  realBase: 'https://discord.com',
  apiBasePath: '/discord/api/v10',
  jsonType: 'application/json',
  createMock: createDiscordMock,
  dialect: discordDialect,
});
