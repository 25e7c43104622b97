import { defineConfig } from 'vitest/config';

// `pnpm test:soak`: the long run, kept out of `pnpm test`.
export default defineConfig({
  test: {
    include: ['test/soak/**/*.soak.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
