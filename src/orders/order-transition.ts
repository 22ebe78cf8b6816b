import type { Logger } from '../log/logger.js';
import type { OrderChange, OrderDocument, OrderStatus } from './order.model.js';
import { createOrderEffects, type OrderEffects, type OrderEffectsDeps } from './order-effects.js';

export interface OrderTransitionDeps extends OrderEffectsDeps {
  logger: Logger;
  /**
   * The orders' effects, one instance per process (the recovery pass and every transition share
   * it, so that a pass never takes work this process is still doing); made here when not given.
   */
  effects?: OrderEffects;
}

/** What a transition decides after looking at the order: change it, or answer without changing it. */
export type Decision<R> = { change: OrderChange } | { result: R };

export type Applied<R> = { kind: 'applied'; order: OrderDocument } | { kind: 'not_found' } | R;

const MAX_ATTEMPTS = 8;
/** Orders remembered for the next transition's first try (see `lastSeen`). */
const REMEMBERED_ORDERS = 1_000;

/**
 * Read, decide, compare-and-set: the transition applies only if the order's revision is still the
 * one it was decided on, so two instances can never both apply one. A lost race is decided again
 * on the fresh order. The effects are committed with the change and run at once (see `effects/`).
 */
export function createOrderTransitions(deps: OrderTransitionDeps) {
  const log = deps.logger.child({ component: 'orders' });
  const effects = deps.effects ?? createOrderEffects(deps);
  /**
   * The order as this process last wrote or read it, tried first by the next transition: a
   * setup's clicks change their order one after the other, so the compare-and-set usually
   * succeeds without reading the order again. A stale one fails its revision check and is read.
   */
  const lastSeen = new Map<string, OrderDocument>();
  function remember(order: OrderDocument): void {
    lastSeen.delete(order._id);
    lastSeen.set(order._id, order);
    if (lastSeen.size > REMEMBERED_ORDERS) lastSeen.delete(lastSeen.keys().next().value ?? order._id);
  }
  async function read(orderId: string): Promise<OrderDocument | undefined> {
    const order = await deps.repository.get(orderId);
    if (order === undefined) lastSeen.delete(orderId);
    else remember(order);
    return order;
  }

  /** Decides on `snapshot` first when given (read moments ago), then on fresh reads after a lost race. */
  async function apply<R>(
    orderId: string,
    decide: (order: OrderDocument) => Decision<R>,
    snapshot?: OrderDocument,
  ): Promise<Applied<R>> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const remembered = attempt === 0 && snapshot === undefined ? lastSeen.get(orderId) : undefined;
      const order = remembered ?? (attempt === 0 && snapshot !== undefined ? snapshot : await read(orderId));
      if (order === undefined) return { kind: 'not_found' };
      const decision = decide(order);
      // An answer decided on a remembered order may be out of date: only a write is checked (by
      // its revision), so an answer is decided again on the order as it is now.
      if ('result' in decision && remembered !== undefined) continue;
      if ('result' in decision) return decision.result;
      const now = deps.now();
      const { effects: caused = [], ...update } = decision.change;
      const change = { ...update, set: { updatedAt: now, lastActivityAt: now, ...update.set } };
      const after = await effects.commitAndRun(
        { kind: 'update', id: orderId, rev: order.rev, change },
        caused,
      );
      if (after !== undefined) {
        remember(after);
        return { kind: 'applied', order: after };
      }
      lastSeen.delete(orderId);
    }
    log.warn({ orderId }, 'order kept changing under a transition; gave up');
    throw new Error(`Order ${orderId} kept changing; try again`);
  }

  /**
   * Decides on each order as read moments ago and commits every change in one write (see
   * `commitAndRunMany`); no retry: an order changed meanwhile is left for the caller's next read.
   * How many changes applied.
   */
  async function commitDecided(
    orders: readonly OrderDocument[],
    decide: (order: OrderDocument) => Decision<unknown>,
  ): Promise<{ wanted: string[]; applied: string[] }> {
    const now = deps.now();
    const writes = orders.flatMap((order) => {
      const decision = decide(order);
      if ('result' in decision) return [];
      const { effects: caused = [], ...update } = decision.change;
      const change = { ...update, set: { updatedAt: now, lastActivityAt: now, ...update.set } };
      return [{ id: order._id, rev: order.rev, change, effects: caused }];
    });
    for (const order of orders) lastSeen.delete(order._id);
    const applied = writes.length === 0 ? [] : await effects.commitAndRunMany(writes);
    return { wanted: writes.map((write) => write.id), applied };
  }

  const applyMany = async (
    orders: readonly OrderDocument[],
    decide: (order: OrderDocument) => Decision<unknown>,
  ) => (await commitDecided(orders, decide)).applied.length;

  /**
   * Orders read now by id, each decided by its own `decide`, committed in one write; an order
   * that changed between the read and the write is then applied alone, with `apply`'s retries.
   */
  async function applyEach(decisions: ReadonlyMap<string, (order: OrderDocument) => Decision<unknown>>) {
    const orders = await deps.repository.getMany([...decisions.keys()]);
    const { wanted, applied } = await commitDecided(orders, (order) => {
      const decide = decisions.get(order._id);
      return decide === undefined ? { result: undefined } : decide(order);
    });
    const done = new Set(applied);
    for (const orderId of wanted) {
      const decide = decisions.get(orderId);
      if (!done.has(orderId) && decide !== undefined) await apply(orderId, decide);
    }
  }

  return { apply, applyMany, applyEach, effects, log, remember };
}

export type OrderTransitions = ReturnType<typeof createOrderTransitions>;

/** A history entry for a status change. */
export function statusChange(
  at: Date,
  by: string,
  action: string,
  from: OrderStatus,
  to: OrderStatus,
  details?: Record<string, unknown>,
) {
  return { at, by, action, from, to, ...(details === undefined ? {} : { details }) };
}
