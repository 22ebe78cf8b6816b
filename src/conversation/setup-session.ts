import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { type LoadedSetup, stateOf } from '../setups/setup-envelope.js';
import type { LastSubmit } from '../storage/setups.repository.js';
import type { EffectApplier } from './effect-applier.js';
import type { Effect } from './effects.js';

/**
 * Saves the transition from `loaded` to `snapshot` with its effects in one compare-and-set, then
 * carries them out; undefined (nothing saved) when another click or instance saved first. Once
 * saved, the click is taken: effects that fail now are retried, not reported as a lost click.
 * `bySubmit` is the click that made it (kept to recognise a double click), if a click did.
 */
export function commitTransition(
  effects: EffectApplier,
  loaded: LoadedSetup,
  snapshot: OrderSetupSnapshot,
  caused: readonly Effect[],
  bySubmit: LastSubmit | null = null,
) {
  const change = stateOf(snapshot, bySubmit);
  const write = { kind: 'update', id: loaded.doc._id, rev: loaded.rev, change } as const;
  return effects.commitAndStart(write, caused);
}
