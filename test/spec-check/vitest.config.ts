import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The GitHub description alone is 13 MB of JSON to parse once per worker.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
