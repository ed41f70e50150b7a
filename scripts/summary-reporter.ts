import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line ("Tests: N passed, N failed, N skipped") that CI tooling reads;
 * vitest's own summary is boxed and coloured.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let failedHere = 0;
      let skippedHere = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skippedHere++;
      }
      // A failing beforeAll or import leaves every test "skipped"; they did not run because of a
      // failure, so they count as failed (or the file does, when it declared none).
      if (mod.state() === 'failed' && failedHere === 0) {
        failedHere = Math.max(1, skippedHere);
        skippedHere = 0;
      }
      failed += failedHere;
      skipped += skippedHere;
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
