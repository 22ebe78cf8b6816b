import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { type LoadedSetup, stateOf, withApplied } from '../setups/setup-envelope.js';
import type { LastSubmit } from '../storage/setups.repository.js';
import type { EffectApplier } from './effect-applier.js';
import type { Effect } from './setup-effects.js';

/**
 * Saves the transition from `loaded` to `snapshot` with its effects in one compare-and-set, then
 * carries them out; undefined (nothing saved) when another click or instance saved first. Once
 * saved, the click is taken: effects that fail now are retried, not reported as a lost click.
 * `byClick` is the click that made it, if one did: what it sent (to recognise a double click) and
 * its event id (to recognise the same event processed again).
 */
export function commitTransition(
  effects: EffectApplier,
  loaded: LoadedSetup,
  snapshot: OrderSetupSnapshot,
  caused: readonly Effect[],
  byClick?: { submit: LastSubmit; eventId: string },
) {
  const change =
    byClick === undefined
      ? stateOf(snapshot)
      : { ...stateOf(snapshot, byClick.submit), appliedEvents: withApplied(loaded.doc, byClick.eventId) };
  const write = { kind: 'update', id: loaded.doc._id, rev: loaded.rev, change } as const;
  return effects.commitAndStart(write, caused);
}
