import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The nested private packages (spec-check) run their own tests.
    include: ['packaging/**/*.test.ts'],
    testTimeout: 120_000,
    // Both packaging tests build every package (tsc, pack, npm install): one after the other, not
    // fighting over the machine's cores.
    fileParallelism: false,
  },
});
