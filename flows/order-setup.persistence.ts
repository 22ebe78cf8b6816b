import { z } from 'zod';
import { ORDER_SETUP_ID, ORDER_SETUP_VERSION, orderSetupMachine } from './order-setup.machine.js';
import { MIGRATIONS, type Migration } from './order-setup.migrations.js';
import { orderSetupContextSchema } from './order-setup.schemas.js';
import type { OrderSetupSnapshot } from './order-setup.steps.js';

/**
 * Restoring stored conversations. A stored envelope may come from this version, an older one, a
 * newer one (during a rolling deploy) or be damaged; none of these may crash the bot. Every outcome
 * is a value: the restored snapshot, a migrated one, or a clean restart with the reason.
 */

const FLAT_STATES = [
  'role',
  'whoSetsUp',
  'partnerOrg',
  'customerAdmin',
  'company',
  'review',
  'done',
  'needsAttention',
] as const;

/** The shape of `getPersistedSnapshot()` for this machine, checked before anything is restored. */
export const persistedOrderSetupSchema = z
  .object({
    status: z.enum(['active', 'done']),
    value: z.union([
      z.enum(FLAT_STATES),
      z.strictObject({ customerOrg: z.enum(['choose', 'confirmExisting']) }),
    ]),
    context: orderSetupContextSchema,
  })
  .refine(
    (s) => s.value !== 'needsAttention' || s.context.attention !== null,
    'needsAttention without a reason',
  )
  .refine(
    (s) =>
      typeof s.value !== 'object' ||
      s.value.customerOrg !== 'confirmExisting' ||
      s.context.answers.pendingOrg !== null,
    'confirmExisting without an organization',
  );

const envelopeSchema = z.object({
  machineId: z.string(),
  version: z.number().int().nonnegative(),
  /** The persisted snapshot as an object ... */
  snapshot: z.unknown().optional(),
  /** ... or as JSON text, as the setups repository stores it. */
  snapshotJson: z.string().optional(),
});

export type RestartReason =
  | 'invalid_envelope'
  | 'unknown_machine'
  | 'newer_version'
  | 'no_migration'
  | 'migration_failed'
  | 'invalid_snapshot';

export type RestoreResult =
  | { kind: 'restored'; snapshot: OrderSetupSnapshot }
  | { kind: 'migrated'; snapshot: OrderSetupSnapshot; fromVersion: number }
  | { kind: 'restart'; reason: RestartReason };

function readSnapshot(envelope: z.infer<typeof envelopeSchema>): unknown {
  if (envelope.snapshot !== undefined) return envelope.snapshot;
  if (envelope.snapshotJson === undefined) return undefined;
  try {
    return JSON.parse(envelope.snapshotJson);
  } catch {
    return undefined;
  }
}

function runMigrations(persisted: unknown, fromVersion: number, migrations: readonly Migration[]) {
  let current = persisted;
  for (let version = fromVersion; version < ORDER_SETUP_VERSION; version += 1) {
    const step = migrations.find((m) => m.from === version && m.to === version + 1);
    if (step === undefined) return { ok: false as const, reason: 'no_migration' as const };
    try {
      current = step.migrate(current);
    } catch {
      current = null;
    }
    if (current === null || current === undefined)
      return { ok: false as const, reason: 'migration_failed' as const };
  }
  return { ok: true as const, persisted: current };
}

/**
 * Turns a stored `{ machineId, version, snapshot | snapshotJson }` into a snapshot ready for
 * `advanceOrderSetup`, migrating older versions through `migrations` (default `MIGRATIONS`).
 * Never throws.
 */
export function restoreOrRestart(
  envelope: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
): RestoreResult {
  const env = envelopeSchema.safeParse(envelope);
  if (!env.success) return { kind: 'restart', reason: 'invalid_envelope' };
  const { machineId, version } = env.data;
  if (machineId !== ORDER_SETUP_ID) return { kind: 'restart', reason: 'unknown_machine' };
  if (version > ORDER_SETUP_VERSION) return { kind: 'restart', reason: 'newer_version' };
  const raw = readSnapshot(env.data);
  if (raw === undefined) return { kind: 'restart', reason: 'invalid_snapshot' };
  const migrated = runMigrations(raw, version, migrations);
  if (!migrated.ok) return { kind: 'restart', reason: migrated.reason };
  const parsed = persistedOrderSetupSchema.safeParse(migrated.persisted);
  if (!parsed.success) return { kind: 'restart', reason: 'invalid_snapshot' };
  let snapshot: OrderSetupSnapshot;
  try {
    // `resolveState` rebuilds a snapshot from value and context without starting an actor.
    snapshot = orderSetupMachine.resolveState({ value: parsed.data.value, context: parsed.data.context });
  } catch {
    return { kind: 'restart', reason: 'invalid_snapshot' };
  }
  return version === ORDER_SETUP_VERSION
    ? { kind: 'restored', snapshot }
    : { kind: 'migrated', snapshot, fromVersion: version };
}
