import { defineConfig } from 'vitest/config';
import SkipReport from './tests/reporters/skips.ts';

export default defineConfig({
  test: {
    env: { ECOUTE_QUIET: '1' },
    include: [
      'analytics/**/*.test.ts',
      'functions/**/*.test.ts',
      'survey-widget/**/*.test.ts',
      'infra/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    globalSetup: ['functions/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', new SkipReport()],
  },
});
