import type { Command } from 'commander';
import type { OnBehalf } from '@onbehalf/core';
import { openOnBehalf, type GlobalOptions } from './open-on-behalf.ts';
import { createOutput, type Output } from './output.ts';

export interface Session {
  out: Output;
  global: GlobalOptions;
  /** Opens onbehalf once (closed when the command ends). */
  open(): Promise<OnBehalf>;
}

/**
 * Wraps a command's action: the global options (--config, --database, --json) from wherever they
 * were given, the output, and onbehalf opened on demand and always closed, so a failed command
 * leaves no pool or file handle behind.
 */
export function action<A extends unknown[]>(run: (session: Session, ...args: A) => Promise<void>) {
  return async function (this: Command, ...args: unknown[]): Promise<void> {
    const global = this.optsWithGlobals<GlobalOptions>();
    let ob: OnBehalf | undefined;
    const session: Session = { out: createOutput(!!global.json), global, open: async () => (ob ??= await openOnBehalf(global)) };
    try {
      await run(session, ...(args as A));
    } finally {
      await ob?.close().catch(() => undefined);
    }
  };
}
