import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment a deploy step would give the command: PATH and the onbehalf variables only. */
const baseEnv = () => ({ PATH: process.env.PATH ?? '' });

/** Runs `onbehalf …` as a child process, as a shell would, and waits for it to exit. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Starts `onbehalf …` and sends it `signal` as soon as a line of its stderr matches `when`:
 * how an operator's Ctrl-C lands in the middle of a long run.
 */
export function interruptCli(args: string[], env: Record<string, string>, when: (line: string) => boolean, signal: NodeJS.Signals = 'SIGINT'): Promise<CliRun & { interrupted: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...baseEnv(), ...env } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!interrupted && stderr.split('\n').some(when)) {
        interrupted = true;
        child.kill(signal);
      }
    });
    child.on('close', (code, killedBy) => resolve({ code: code ?? (killedBy ? 128 : -1), stdout, stderr, interrupted }));
  });
}
