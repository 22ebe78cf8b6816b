/**
 * `runOnRequirements`: which tests this server can run. It claims to be a MongoDB 7.0 standalone
 * ("single" topology) without auth, so anything needing a replica set, sharding, another server
 * version, auth or client-side encryption is skipped with the reason.
 */
import { SERVER_VERSION } from '../wire/wire-constants.js';
import type { RunOnRequirement } from './spec-file.schema.js';

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Why one requirement is not met, or undefined when it is. */
function unmetReason(req: RunOnRequirement): string | undefined {
  if (req.minServerVersion && compareVersions(SERVER_VERSION, req.minServerVersion) < 0) {
    return `needs server >= ${req.minServerVersion} (this server reports ${SERVER_VERSION})`;
  }
  if (req.maxServerVersion && compareVersions(SERVER_VERSION, req.maxServerVersion) > 0) {
    return `needs server <= ${req.maxServerVersion} (this server reports ${SERVER_VERSION})`;
  }
  if (req.topologies && !req.topologies.includes('single')) {
    return `needs topology ${req.topologies.join('/')} (this server is a standalone)`;
  }
  if (req.serverless === 'require') return 'needs a serverless deployment';
  if (req.auth === true) return 'needs authentication';
  if (req.csfle !== undefined && req.csfle !== false) return 'needs client-side field level encryption';
  if (req.serverParameters) return 'needs specific server parameters';
  return undefined;
}

/** Undefined when any requirement is met (or there are none), else why none is. */
export function checkRequirements(requirements: readonly RunOnRequirement[] | undefined): string | undefined {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons: string[] = [];
  for (const req of requirements) {
    const reason = unmetReason(req);
    if (!reason) return undefined;
    reasons.push(reason);
  }
  return `runOnRequirements not met: ${reasons.join('; or ')}`;
}
