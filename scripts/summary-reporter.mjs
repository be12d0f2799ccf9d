// A web-test-runner reporter that ends the run with a plain "N passed, N failed, N skipped"
// line, which CI reads. A test file that failed to load counts as one failure.
function countTests(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countTests(child, counts);
}

export function summaryReporter() {
  let line = null;
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countTests(session.testResults, counts);
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed++;
      }
      line = `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
      process.once('exit', () => console.log(line));
    },
  };
}
