#!/usr/bin/env node
import { runCli } from './run-cli.ts';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`onbehalf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 9;
  },
);
