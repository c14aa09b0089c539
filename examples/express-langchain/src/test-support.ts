import { serveExample, type RunningExample } from '@onbehalf/demo-kit';
import { mountExample } from './mount.ts';

export type { RunningExample };

/** The example as main.ts starts it, on a free port, against the sandbox. */
export const startExample = (user = 'demo-user'): Promise<RunningExample> => serveExample({ mount: mountExample, user, port: 0 });
