/**
 * Plain-text rendering of a conformance report: one line per file, then every failure and every
 * skip with its reason.
 */
import type { ConformanceReport } from './conformance-runner.js';

/** Renders the report as text. */
export function formatConformanceReport(report: ConformanceReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    const count = (status: string) => file.tests.filter((t) => t.status === status).length;
    lines.push(
      `${file.file.padEnd(40)} passed ${count('passed')}  failed ${count('failed')}  skipped ${count('skipped')}`,
    );
    for (const test of file.tests) {
      if (test.status === 'skipped')
        lines.push(`    skipped: ${test.description}\n      why: ${test.skipReason ?? ''}`);
      if (test.status === 'failed') {
        lines.push(`    FAILED: ${test.description}`);
        for (const problem of test.problems) lines.push(`      - ${problem}`);
      }
    }
  }
  lines.push('');
  lines.push(`total: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return lines.join('\n');
}
