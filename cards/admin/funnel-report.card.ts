import type { Locale } from '../../flows/order-setup.schemas.js';
import { ORDER_STATUSES, type OrderStatus } from '../../flows/order-view.types.js';
import { STEP_IDS, type StepId } from '../../flows/steps/index.js';
import type { CardElement } from '../adaptive-card.types.js';
import { factSet, paragraph } from '../card-kit.js';
import type { AdminCardMessage } from './admin-card.types.js';
import {
  type AdminTranslate,
  adminSubmit,
  adminTranslator,
  barRow,
  barText,
  createAdminCard,
  formatDuration,
  statusLabel,
  toAdminMessage,
} from './admin-card-kit.js';
import { stepName } from './order-describe.js';

/** The stages an order passes, in order: created, invited, each setup step, completed. */
export const FUNNEL_STAGES = ['created', 'invited', ...STEP_IDS, 'completed'] as const;
export type FunnelStage = 'created' | 'invited' | StepId | 'completed';

export interface FunnelStageCount {
  stage: FunnelStage;
  /** Orders that reached this stage or went past it. */
  reached: number;
  /** Open orders whose furthest stage is this one. */
  waiting: number;
  /** Expired or cancelled orders whose furthest stage was this one. */
  ended: number;
}

/** The funnel of all orders, as `computeFunnel` counts it. */
export interface FunnelReportModel {
  total: number;
  stages: FunnelStageCount[];
  /** Orders that reached the invitation: the base of the completion rate. */
  invited: number;
  completed: number;
  /** `completed / invited`, or null while nothing was invited. */
  completionRate: number | null;
  medianInviteToCompleteMs: number | null;
  byStatus: Record<OrderStatus, number>;
  /** Set when only the most recently active orders were counted. */
  scanLimit: number | null;
}

function stageLabel(t: AdminTranslate, locale: Locale, stage: FunnelStage): string {
  if (stage === 'created' || stage === 'invited' || stage === 'completed') return t(`stage.${stage}`);
  return stepName(stage, locale);
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

function summaryFacts(t: AdminTranslate, locale: Locale, model: FunnelReportModel): Array<[string, string]> {
  const rate =
    model.completionRate === null
      ? t('report.noInvited')
      : t('report.completionValue', {
          rate: percent(model.completionRate),
          completed: model.completed,
          invited: model.invited,
        });
  const median =
    model.medianInviteToCompleteMs === null
      ? t('report.noMedian')
      : formatDuration(model.medianInviteToCompleteMs, locale);
  return [
    [t('report.completionRate'), rate],
    [t('report.median'), median],
  ];
}

interface Chart {
  title: string;
  legend: string | null;
  rows: Array<{ label: string; value: number; text: string }>;
  max: number;
  style: 'accent' | 'warning' | 'good';
}

function charts(t: AdminTranslate, locale: Locale, model: FunnelReportModel): Chart[] {
  const reached: Chart = {
    title: t('report.reached'),
    legend: null,
    max: model.total,
    style: 'accent',
    rows: model.stages.map((s) => ({
      label: stageLabel(t, locale, s.stage),
      value: s.reached,
      text: String(s.reached),
    })),
  };
  const stopping = model.stages.filter((s) => s.waiting + s.ended > 0);
  const stopped: Chart = {
    title: t('report.stopped'),
    legend: stopping.length === 0 ? t('report.nothingStopped') : t('report.stoppedLegend'),
    max: Math.max(0, ...stopping.map((s) => s.waiting + s.ended)),
    style: 'warning',
    rows: stopping.map((s) => ({
      label: stageLabel(t, locale, s.stage),
      value: s.waiting + s.ended,
      text: t('report.stoppedValue', { waiting: s.waiting, ended: s.ended }),
    })),
  };
  const byStatus: Chart = {
    title: t('report.byStatus'),
    legend: null,
    max: Math.max(0, ...ORDER_STATUSES.map((status) => model.byStatus[status])),
    style: 'good',
    rows: ORDER_STATUSES.map((status) => ({
      label: statusLabel(t, status),
      value: model.byStatus[status],
      text: String(model.byStatus[status]),
    })),
  };
  return [reached, stopped, byStatus];
}

function chartElements(chart: Chart): CardElement[] {
  return [
    paragraph(chart.title, { weight: 'bolder', spacing: 'medium', separator: true }),
    ...(chart.legend === null
      ? []
      : [paragraph(chart.legend, { isSubtle: true, size: 'small', spacing: 'none' })]),
    ...chart.rows.map((row) => barRow(row.label, row.value, chart.max, row.text, chart.style)),
  ];
}

function chartLines(chart: Chart): string[] {
  const width = Math.max(0, ...chart.rows.map((row) => row.label.length));
  return [
    `${chart.title}:`,
    ...(chart.legend === null ? [] : [chart.legend]),
    ...chart.rows.map((row) => `${row.label.padEnd(width)} ${barText(row.value, chart.max)} ${row.text}`),
  ];
}

/** The funnel as bar charts made of card columns: stages reached, where orders stop, statuses. */
export function renderFunnelReport(model: FunnelReportModel, locale: Locale): AdminCardMessage {
  const t = adminTranslator(locale);
  const title = t('report.title');
  const summary =
    model.total === 0
      ? t('report.empty')
      : t('report.summary', { total: model.total, completed: model.completed });
  const facts = summaryFacts(t, locale, model);
  const all = model.total === 0 ? [] : charts(t, locale, model);
  const limit = model.scanLimit === null ? null : t('report.scanLimit', { count: model.scanLimit });
  const body: CardElement[] = [paragraph(summary), factSet(facts), ...all.flatMap(chartElements)];
  if (limit !== null) body.push(paragraph(limit, { isSubtle: true, size: 'small' }));
  const actions = [
    adminSubmit(t('list.attention'), { admin: 'attention', page: 1 }),
    adminSubmit(t('status.refresh'), { admin: 'report' }),
  ];
  const card = createAdminCard(t, title, body, actions);
  return toAdminMessage(t, card, [
    title,
    summary,
    ...facts.map(([name, value]) => `${name}: ${value}`),
    ...all.flatMap(chartLines),
    limit,
  ]);
}
