import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConformanceSuite } from '../src/conformance/conformance-runner.js';
import { formatConformanceReport } from '../src/conformance/report-format.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const folder = process.env.MONGO_CRUD_SPEC_DIR ?? resolve(repoRoot, '../shared/mongo-crud-spec');
const available = existsSync(folder);
const title = available
  ? `pass against the embedded server (${folder})`
  : `SKIPPED: spec folder ${folder} not found; set MONGO_CRUD_SPEC_DIR to a folder of unified-format CRUD tests`;

describe('MongoDB unified CRUD spec tests', () => {
  it.skipIf(!available)(title, { timeout: 300_000 }, async () => {
    const report = await runConformanceSuite(folder);
    const text = formatConformanceReport(report);
    expect(report.passed, text).toBeGreaterThan(0);
    expect(report.failed, text).toBe(0);
    const skips = report.files.flatMap((f) => f.tests).filter((t) => t.status === 'skipped');
    for (const test of skips)
      expect(test.skipReason, test.description).toMatch(/^(runOnRequirements|driver-only|skipReason)/);
  });
});
