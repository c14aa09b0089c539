#!/usr/bin/env node
import { runCli } from './cli.ts';

runCli(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`onbehalf-mcp: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
