// Reads vitest's JSON report and prints the one summary line CI reads. Failed typecheck or lint
// steps count as failures too, so a red step can never hide behind green tests.
import { existsSync, readFileSync } from 'node:fs';

const [file, failedStepsArg, testStatusArg] = process.argv.slice(2);
const failedSteps = Number(failedStepsArg ?? 0);
const testStatus = Number(testStatusArg ?? 1);
let passed = 0;
let failed = 0;
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
if (testStatus !== 0 && failed === 0) failed = 1; // the runner itself failed (e.g. a suite did not load)
failed += failedSteps;
if (passed === 0 && failed === 0) failed = 1; // a run that ran no test is not a pass
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
