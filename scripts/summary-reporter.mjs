// A web-test-runner reporter that writes the run's counts for scripts/test.mjs, which ends the
// whole test run with one plain "N passed, N failed" line. A test file that failed to load
// counts as one failure.
import { mkdirSync, writeFileSync } from 'node:fs';

function countTests(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countTests(child, counts);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countTests(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed++;
      }
      mkdirSync('test-results', { recursive: true });
      writeFileSync('test-results/browser-summary.json', JSON.stringify(counts));
    },
  };
}
