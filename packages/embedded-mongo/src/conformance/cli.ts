/**
 * `npm run conformance -- <folder>`: runs the unified-format CRUD spec tests in `<folder>` against
 * the embedded server and prints the report; exits 1 when any test fails.
 */
import { stat } from 'node:fs/promises';
import { runConformanceSuite } from './conformance-runner.js';
import { formatConformanceReport } from './report-format.js';

async function main(): Promise<void> {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder || rest.length > 0) {
    process.stderr.write('Usage: npm run conformance -- <folder with unified-format *.json spec tests>\n');
    process.exit(2);
  }
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`conformance: '${folder}' is not a directory\n`);
    process.exit(2);
  }
  const report = await runConformanceSuite(folder);
  process.stdout.write(`${formatConformanceReport(report)}\n`);
  process.exit(report.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`conformance: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
