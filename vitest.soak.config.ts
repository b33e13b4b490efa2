import { defineConfig } from 'vitest/config';

/** Long reliability runs (`npm run test:soak -- --iterations N ...`); sizes come from the environment. */
export default defineConfig({
  test: {
    include: ['test/reliability/soak/**/*.soak.test.ts'],
    testTimeout: 6 * 60 * 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default'],
  },
});
