#!/usr/bin/env node
import { enableCompileCache } from 'node:module';

// A command is started afresh each time: Node's on-disk compile cache halves its start-up.
enableCompileCache?.();
const { runCli } = await import('./run-cli.ts');

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`onbehalf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 9;
  },
);
