// Prints one plain closing line ("N passed, N failed, N skipped") after jest's own summary, so a CI log
// states how many tests ran in a form any reader or script takes in at a glance.
class ClosingLine {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A test file that crashed before its tests ran counts as a failure too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = ClosingLine;
