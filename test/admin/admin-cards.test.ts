import { describe, expect, it } from 'vitest';
import { adminEn } from '../../cards/admin/admin.i18n.en.js';
import { adminHr } from '../../cards/admin/admin.i18n.hr.js';
import type { AdminCardMessage, AdminSubmitAction } from '../../cards/admin/admin-card.types.js';
import { type AdminNotice, renderAdminNotice } from '../../cards/admin/admin-notice.card.js';
import { renderFunnelReport } from '../../cards/admin/funnel-report.card.js';
import { renderOrderList } from '../../cards/admin/order-list.card.js';
import { renderOrderStatus } from '../../cards/admin/order-status.card.js';
import { byteLength, MAX_TEXT_BYTES } from '../../cards/card-kit.js';
import { computeFunnel } from '../../src/admin/funnel.js';
import { ORDER_STATUSES, type OrderView } from '../../src/orders/order-view.js';
import { cardText, sdkIssues, typesIn } from './support/card-sdk.js';
import { history, hour, orderAtStep, orderView } from './support/order-fixtures.js';

const NOW = new Date(hour(30));
const LOCALES = ['en', 'hr'] as const;
/** Element and action types of schema 1.3 that these cards may use. */
const ALLOWED_TYPES = new Set([
  'AdaptiveCard',
  'TextBlock',
  'FactSet',
  'ColumnSet',
  'Column',
  'Container',
  'Input.Text',
  'ActionSet',
  'Action.Submit',
]);

/** The buttons of a card, by row: the card's own row first, then each ActionSet of its body. */
function buttonRows(card: AdminCardMessage['card']): AdminSubmitAction[][] {
  const rows = card.body.flatMap((element) =>
    element.type === 'ActionSet' ? [element.actions as AdminSubmitAction[]] : [],
  );
  return card.actions === undefined ? rows : [card.actions, ...rows];
}

function ordersInEveryStatus(): OrderView[] {
  return ORDER_STATUSES.map((status, i) =>
    status === 'scheduled'
      ? orderView({ orderId: `ORD-${i}` })
      : orderAtStep(`ORD-${i}`, 'company', 5, status),
  );
}

function expectWellFormed(message: AdminCardMessage) {
  expect(message.card.version).toBe('1.3');
  expect(message.card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(message.card.actions?.length ?? 0).toBeLessThanOrEqual(5);
  expect([...typesIn(message.card)].filter((type) => !ALLOWED_TYPES.has(type))).toEqual([]);
  expect(sdkIssues(message.card)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
  expect(byteLength(message.text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('administrators catalogs', () => {
  it('have the same placeholders in Croatian as in English', () => {
    const differing = Object.entries(adminEn)
      .filter(
        ([key, text]) =>
          placeholders(text).join() !== placeholders(adminHr[key as keyof typeof adminEn]).join(),
      )
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});

describe.each(LOCALES)('cards in %s', (locale) => {
  it.each(ordersInEveryStatus().map((order) => [order.status, order]))(
    'status of a %s order is a valid 1.3 card',
    (_status, order) => {
      expectWellFormed(renderOrderStatus({ order, audience: 'admin', now: NOW }, locale));
      expectWellFormed(renderOrderStatus({ order, audience: 'partner', now: NOW }, locale));
    },
  );

  it('order lists, the attention list and the report are valid 1.3 cards', () => {
    const items = ordersInEveryStatus();
    const next = { afterAt: hour(1), afterId: 'ORD-6' };
    for (const kind of ['orders', 'attention'] as const) {
      expectWellFormed(
        renderOrderList({ kind, filter: 'all', page: 1, items, total: 30, next, now: NOW }, locale),
      );
      expectWellFormed(
        renderOrderList(
          { kind, filter: 'open', page: 3, items: [], total: 0, next: undefined, now: NOW },
          locale,
        ),
      );
    }
    expectWellFormed(renderFunnelReport(computeFunnel(items), locale));
    expectWellFormed(renderFunnelReport(computeFunnel([]), locale));
  });

  const notices: AdminNotice[] = [
    { kind: 'unknownOrder', orderId: 'ORD-404' },
    { kind: 'notAdmin', command: 'report' },
    { kind: 'usage', command: 'orders', problem: { code: 'badFilter', value: 'sideways' } },
    { kind: 'usage', command: 'reassign', problem: { code: 'missingEmail' } },
    { kind: 'noOwnSetup' },
    { kind: 'privateAnswer' },
    { kind: 'remind', outcome: { kind: 'reminded', orderId: 'ORD-1', to: 'a@b.example', what: 'step' } },
    { kind: 'remind', outcome: { kind: 'notStarted', orderId: 'ORD-1', startDate: '2026-05-01' } },
    {
      kind: 'reassign',
      outcome: { kind: 'reassigned', orderId: 'ORD-1', from: 'a@b.example', to: 'c@d.example' },
    },
    { kind: 'reassign', outcome: { kind: 'refused', orderId: 'ORD-1', message: 'No.' } },
  ];
  it.each(notices.map((notice) => [notice.kind, notice]))(
    'notice %s is a valid 1.3 card',
    (_kind, notice) => {
      const message = renderAdminNotice(notice, locale);
      expectWellFormed(message);
      expect(message.text).not.toMatch(/\{\w+\}/);
    },
  );
});

describe('order status card', () => {
  const order = orderView({
    orderId: 'ORD-7',
    status: 'in_progress',
    invitedAt: hour(1),
    setup: {
      step: 'company',
      stepNumber: 5,
      totalSteps: 7,
      ownerEmail: 'colleague@partner.example',
      lastActivityAt: hour(20),
    },
    history: [
      history.created(),
      history.invited(),
      history.started(),
      ...['role', 'whoSetsUp', 'partnerOrg', 'customerAdmin', 'company'].map((step, i) =>
        history.step(step, 3 + i),
      ),
      {
        at: hour(9),
        by: 'admin@ops.example',
        action: 'owner_reassigned',
        details: { from: 'contact@partner.example', to: 'colleague@partner.example' },
      },
    ],
  });

  it('draws the step as a progress bar and lists the facts an administrator needs', () => {
    const { card, text } = renderOrderStatus({ order, audience: 'admin', now: NOW }, 'en');
    const bar = card.body.find((element) => element.type === 'ColumnSet');
    const color = (column: { items: unknown[] }) => (column.items[0] as { color?: string }).color;
    expect(bar?.type === 'ColumnSet' ? bar.columns.map(color) : []).toEqual([
      'good',
      'good',
      'good',
      'good',
      'accent',
      'default',
      'default',
    ]);
    const said = cardText(card);
    for (const fact of [
      '5 of 7: Customer company',
      'colleague@partner.example',
      'contact@partner.example',
      'Partner d.o.o.',
      'Customer Ltd',
      '2 March 2026',
    ])
      expect(said).toContain(fact);
    expect(text).toContain('Current owner: colleague@partner.example');
    expect(text).toContain('■■■■■□□');
  });

  it('shows the last 8 history entries, newest first, and says how many are older', () => {
    const { text } = renderOrderStatus({ order, audience: 'admin', now: NOW }, 'en');
    const lines = text.split('\n').filter((line) => line.startsWith('- '));
    expect(lines).toHaveLength(8);
    expect(lines[0]).toContain(
      'Setup moved from contact@partner.example to colleague@partner.example by admin@ops.example',
    );
    expect(lines[7]).toContain('Invitation delivered');
    expect(cardText(renderOrderStatus({ order, audience: 'admin', now: NOW }, 'en').card)).toContain(
      'Older entries not shown: 1.',
    );
  });

  it('gives administrators Remind and Reassign while the order is open, and partners no buttons or actors', () => {
    const admin = renderOrderStatus({ order, audience: 'admin', now: NOW }, 'en').card;
    // In rows of two, so that they fit a phone's width.
    expect(buttonRows(admin).map((row) => row.length)).toEqual([2, 1]);
    expect(
      buttonRows(admin)
        .flat()
        .map((action) => action.data),
    ).toEqual([
      { admin: 'remind', orderId: 'ORD-7' },
      { admin: 'reassign', orderId: 'ORD-7' },
      { admin: 'status', orderId: 'ORD-7' },
    ]);
    expect(typesIn(admin).has('Input.Text')).toBe(true);
    const partner = renderOrderStatus({ order, audience: 'partner', now: NOW }, 'en');
    expect(buttonRows(partner.card)).toEqual([]);
    expect(partner.text).not.toContain('admin@ops.example');
    const closed = renderOrderStatus(
      { order: { ...order, status: 'completed' }, audience: 'admin', now: NOW },
      'en',
    );
    expect(
      buttonRows(closed.card)
        .flat()
        .map((action) => action.data.admin),
    ).toEqual(['status']);
  });

  it('keeps the text fallback within the Webex limit whatever the order holds', () => {
    const long = 'x'.repeat(3_000);
    const huge = { ...order, partnerName: long, customerName: long, statusReason: long };
    const message = renderOrderStatus({ order: huge, audience: 'admin', now: NOW }, 'hr');
    expect(byteLength(message.text)).toBeLessThanOrEqual(MAX_TEXT_BYTES);
    // Whole lines that fit, then a line saying there is more (the card holds it all).
    expect(message.text.split('\n').at(-2)).toBe('…');
    expect(message.text.split('\n').at(-1)).toContain('Više nego što stane u jednu poruku');
  });
});

describe('order list card', () => {
  const items = Array.from({ length: 10 }, (_, i) => orderAtStep(`ORD-${i}`, 'role', 1));

  it('carries the cursor and the next page number on its Next page button', () => {
    const next = { afterAt: hour(2), afterId: 'ORD-9' };
    const { card, text } = renderOrderList(
      { kind: 'orders', filter: 'in_progress', page: 2, items, total: 25, next, now: NOW },
      'en',
    );
    expect(card.actions?.[0]?.data).toEqual({ admin: 'orders', filter: 'in_progress', page: 3, ...next });
    expect(text).toContain('orders in_progress page 3');
    expect(text).toContain('Page 2 · 10 shown · 25 in all');
  });

  it('has no Next page button on the last page', () => {
    const { card } = renderOrderList(
      { kind: 'attention', filter: 'all', page: 1, items, total: 10, next: undefined, now: NOW },
      'en',
    );
    expect(card.actions?.map((action) => action.data.admin)).toEqual(['report']);
  });

  it('writes order titles in the text colour, with no link look (only the status line is coloured)', () => {
    const items = ordersInEveryStatus();
    for (const locale of LOCALES)
      for (const kind of ['orders', 'attention'] as const) {
        const { card } = renderOrderList(
          { kind, filter: 'all', page: 1, items, total: items.length, next: undefined, now: NOW },
          locale,
        );
        const rows = card.body.filter((element) => element.type === 'Container');
        expect(rows).toHaveLength(items.length);
        for (const row of rows) {
          const [title, line] = (row.type === 'Container' ? row.items : []) as unknown as Array<
            Record<string, unknown>
          >;
          expect(title?.text).toMatch(/^ORD-\d+ · /);
          // Accent (or any colour) on a bold title reads as a link; so would markdown link syntax.
          expect(title?.color ?? 'default', String(title?.text)).toBe('default');
          expect(String(title?.text)).not.toMatch(/\[.*\]\(.*\)|https?:/);
          expect(title?.isSubtle ?? false).toBe(false);
          expect(line?.color).toBeDefined();
        }
      }
  });

  it('shows why and since when an order needs attention', () => {
    const stuck = orderView({
      orderId: 'ORD-S',
      status: 'needs_attention',
      statusReason: 'partner_org_conflict: domain partner.example already belongs to organization X',
      history: [history.created(), history.to('needs_attention', 5, 'needs_attention', { reason: 'x' })],
    });
    const { text } = renderOrderList(
      { kind: 'attention', filter: 'all', page: 1, items: [stuck], total: 1, next: undefined, now: NOW },
      'en',
    );
    expect(text).toContain(
      'the partner organization could not be created: the domain partner.example already belongs to organization X',
    );
    expect(text).toContain('since 2 Mar 2026, 14:00 Europe/Zagreb (1 d 1 h ago)');
  });
});

describe('funnel report card', () => {
  const report = computeFunnel([
    orderView({ orderId: 'A' }),
    orderView({ orderId: 'B', status: 'invited', invitedAt: hour(1) }),
    orderAtStep('C', 'company', 5),
    orderAtStep('D', 'review', 7),
  ]);

  it('draws each stage as a bar whose filled part is proportional to its count', () => {
    const { card } = renderFunnelReport(report, 'en');
    const bars = card.body.flatMap((element) => {
      if (element.type !== 'ColumnSet') return [];
      const [label, bar] = element.columns;
      const inner = bar?.items[0];
      if (label?.items[0]?.type !== 'TextBlock' || inner?.type !== 'ColumnSet') return [];
      return [[label.items[0].text, inner.columns.map((column) => [column.width, column.style])]];
    });
    expect(bars.slice(0, 4)).toEqual([
      ['Created', [['4', 'accent']]],
      [
        'Invited',
        [
          ['3', 'accent'],
          ['1', 'emphasis'],
        ],
      ],
      [
        'Your role',
        [
          ['2', 'accent'],
          ['2', 'emphasis'],
        ],
      ],
      [
        'Who sets up the services',
        [
          ['2', 'accent'],
          ['2', 'emphasis'],
        ],
      ],
    ]);
    expect(bars.find(([label]) => label === 'Completed')).toEqual(['Completed', [['4', 'emphasis']]]);
  });

  it('states the completion rate, the median and where orders stop, in the text too', () => {
    const { text } = renderFunnelReport(report, 'en');
    expect(text).toContain('4 orders; 0 completed.');
    expect(text).toContain('Completion rate: 0% (0 of 3 invited orders)');
    expect(text).toContain('Median time from invitation to completion: no completed order yet');
    expect(text).toMatch(/Created\s+█+░* 4/);
    expect(text).toContain('1 waiting · 0 ended');
  });
});
