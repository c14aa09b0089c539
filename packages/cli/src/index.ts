export { createProgram, runCli } from './run-cli.ts';
export { EXIT_CODES } from './exit-codes.ts';
export type { DoctorCheck } from './commands/doctor-command.ts';
