// Child process for the multi-process test: migrates (as every app instance does at boot), then
// races `getOrCreate` for one account many times at once and prints the ids it saw.
import { createOnBehalf } from '../../src/create-on-behalf.ts';
import { silentLogger } from '../../src/logger.ts';

const [database, key, identifier, count] = process.argv.slice(2) as [string, string, string, string];
const ob = createOnBehalf({
  database,
  encryptionKey: key,
  logger: silentLogger,
  connections: [{ name: 'gmail', provider: 'gmail', clientId: 'cid', clientSecret: 'cs' }],
});
await ob.migrate();
const accounts = await Promise.all(Array.from({ length: Number(count) }, () => ob.accounts.getOrCreate({ connection: 'gmail', identifier })));
process.stdout.write(JSON.stringify([...new Set(accounts.map((a) => a.id))]));
await ob.close();
