import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { CUSTOMER_ADMIN_INPUTS } from '../../flows/steps/customer-admin.step.js';
import type { OwnEffects } from '../effects/document-effects.js';
import { restoreSetup, stateOf } from '../setups/setup-envelope.js';
import type { SetupDocument, SetupState, SetupsRepository } from '../storage/setups.repository.js';
import { progressEffect } from './progress-effect.js';
import type { Effect } from './setup-effects.js';
import { sendTo } from './transition-effects.js';
import type { ConversationViews } from './views.js';

export interface CompletionRefusalDeps {
  setups: Pick<SetupsRepository, 'load'>;
  views: ConversationViews;
  /** The setups' own effects: the refusal is decided inside one of them, and commits the next. */
  effects: OwnEffects<SetupDocument, SetupState, Effect>;
}

/** The refusal a person can act on: another organization took the administrator address meanwhile. */
const ADMIN_TAKEN = /^customer_admin_taken\b/;

/**
 * The directory refused a confirmed setup because its customer administrator email was taken
 * meanwhile. Rather than leave it "done" (and the order waiting for a person), the setup goes back
 * to the customer administrator step with every answer kept, and its owner gets that card with
 * the reason under the field and the address still in it; the order stays in progress and the
 * administrators are told. Anything the owner cannot fix (a partner organization conflict) is not
 * taken back: false, and the caller flags the order instead.
 *
 * Runs inside the completion effect, which is still pending on the setup: so it commits and then
 * runs only the effects of its own write, never that completion again.
 */
export async function returnRefusedSetup(
  deps: CompletionRefusalDeps,
  orderId: string,
  reason: string,
  by: string,
): Promise<boolean> {
  if (!ADMIN_TAKEN.test(reason)) return false;
  // Two attempts: a click saved in between (on an old card) moves the revision, not the state.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const doc = await deps.setups.load(orderId);
    if (doc === undefined) return false;
    const loaded = restoreSetup(doc);
    // Already back at a step: an earlier run of this completion took it back.
    if (loaded.snapshot.value !== 'done') return true;
    const advanced = advanceOrderSetup(loaded.snapshot, {
      type: 'COMPLETION_REFUSED',
      field: 'customerAdmin',
    });
    if (advanced.kind === 'rejected') return false;
    const after = advanced.snapshot;
    const rev = loaded.rev + 1;
    const { ownerEmail, answers } = after.context;
    const field = CUSTOMER_ADMIN_INPUTS.customerAdminEmail;
    const form = {
      errors: { [field]: 'error.customerAdminTakenMeanwhile' as const },
      values: { [field]: answers.customerAdminEmail ?? '' },
    };
    const effects: Effect[] = [
      sendTo(ownerEmail, deps.views.step(after, rev, form), orderId, `setup:${orderId}:${rev}:refused`),
      { kind: 'orderCompletionRefused', orderId, reason, by },
    ];
    const progress = progressEffect(after, by, rev);
    if (progress !== undefined) effects.push(progress);
    const write = { kind: 'update', id: orderId, rev: loaded.rev, change: stateOf(after) } as const;
    const saved = await deps.effects.commit(write, effects);
    if (saved === undefined) continue;
    const own = saved.pendingEffects.filter((entry) => entry.id.startsWith(`${orderId}:${rev}:`));
    await deps.effects.run({ id: orderId, effects: own });
    return true;
  }
  return false;
}
