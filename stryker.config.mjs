// `npm run mutation`: Stryker mutates the pure rules (rules/, where every deadline and
// classification comes from) and runs their unit tests against each mutant. The score says how
// much of what the rules decide a test would notice if it changed. Not part of `npm test`
// (it takes minutes); README "Mutation testing" states the last score and the equivalent
// survivors.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker.vitest.config.ts' },
  mutate: ['rules/**/*.ts', '!rules/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // Mutants in module-level constants (the rule set's data: citations, explanation texts) would
  // each need every test run; they are left out (Stryker counts them as ignored) to keep a run
  // in minutes. The rule set's figures are pinned by the deadline tables in rules/*.test.ts.
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  jsonReporter: { fileName: '.stryker/report.json' },
  htmlReporter: { fileName: '.stryker/report.html' },
  tempDirName: '.stryker/tmp',
  ignorePatterns: ['.tools', '.data', '.stryker', 'test/replay/histories'],
  concurrency: 2,
  timeoutMS: 10000,
  thresholds: { high: 90, low: 80, break: 90 },
  cleanTempDir: 'always',
  // Later runs re-test only the mutants whose code or covering tests changed.
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
};
