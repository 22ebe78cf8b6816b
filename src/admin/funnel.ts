import {
  FUNNEL_STAGES,
  type FunnelReportModel,
  type FunnelStage,
  type FunnelStageCount,
} from '../../cards/admin/funnel-report.card.js';
import { STEP_IDS, type StepId } from '../../flows/steps/index.js';
import { OPEN_STATUSES, type OrderStatus, type OrderView } from '../orders/order-view.js';

function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}

/**
 * The furthest stage an order reached. Steps come from the order's progress history (a person may
 * go back, so the furthest, not the current, counts); an order whose setup started without any
 * recorded step is at the first step.
 */
export function furthestStage(order: OrderView): FunnelStage {
  if (order.status === 'completed') return 'completed';
  const steps = order.history
    .filter((entry) => entry.action === 'setup_progress')
    .map((entry) => entry.details?.step)
    .concat(order.setup?.step)
    .filter(isStepId)
    .map((step) => STEP_IDS.indexOf(step));
  const furthest = Math.max(-1, ...steps);
  const step = STEP_IDS[furthest];
  if (step !== undefined) return step;
  const started =
    order.setup !== null ||
    order.status === 'in_progress' ||
    order.history.some((entry) => entry.action === 'setup_started');
  if (started) return 'role';
  const invited =
    order.invitedAt !== null ||
    order.status === 'invited' ||
    order.history.some((entry) => entry.action === 'invitation_delivered');
  return invited ? 'invited' : 'created';
}

/** Time from the invitation to completion, for a completed order that has both moments. */
export function inviteToCompleteMs(order: OrderView): number | undefined {
  if (order.status !== 'completed' || order.invitedAt === null) return undefined;
  const completed = order.history.findLast((entry) => entry.to === 'completed');
  if (completed === undefined) return undefined;
  const ms = Date.parse(completed.at) - Date.parse(order.invitedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/**
 * The funnel of a set of orders: how many reached (or passed) each stage, where the others stand
 * (open) or ended (expired, cancelled), the completion rate among invited orders, and the median
 * time from invitation to completion.
 */
export function computeFunnel(
  orders: readonly OrderView[],
  scanLimit: number | null = null,
): FunnelReportModel {
  const index = (stage: FunnelStage) => FUNNEL_STAGES.indexOf(stage);
  const counts: FunnelStageCount[] = FUNNEL_STAGES.map((stage) => ({
    stage,
    reached: 0,
    waiting: 0,
    ended: 0,
  }));
  const byStatus: Record<OrderStatus, number> = {
    scheduled: 0,
    invited: 0,
    in_progress: 0,
    needs_attention: 0,
    completed: 0,
    expired: 0,
    cancelled: 0,
  };
  const durations: number[] = [];
  for (const order of orders) {
    byStatus[order.status] += 1;
    const furthest = index(furthestStage(order));
    for (const count of counts.slice(0, furthest + 1)) count.reached += 1;
    const at = counts[furthest];
    if (at !== undefined && order.status !== 'completed') {
      if (OPEN_STATUSES.includes(order.status)) at.waiting += 1;
      else at.ended += 1;
    }
    const ms = inviteToCompleteMs(order);
    if (ms !== undefined) durations.push(ms);
  }
  const invited = counts[index('invited')]?.reached ?? 0;
  const completed = byStatus.completed;
  return {
    total: orders.length,
    stages: counts,
    invited,
    completed,
    completionRate: invited === 0 ? null : completed / invited,
    medianInviteToCompleteMs: median(durations),
    byStatus,
    scanLimit,
  };
}
