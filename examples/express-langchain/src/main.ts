// `node src/main.ts`: the sandbox and this app on PORT (default 3000).
// `node src/main.ts --headless` (or CI=true): plays the connect-and-ask story in the terminal, then exits.
import { runExampleMain } from '@onbehalf/demo-kit';
import { mountExample } from './mount.ts';

await runExampleMain({ stack: 'Express + LangChain', defaultPort: 3000, mount: mountExample });
