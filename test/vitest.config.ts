import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The nested private packages (spec-check) run their own tests.
    include: ['packaging/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
