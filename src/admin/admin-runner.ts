import { type AdminNotice, renderAdminNotice } from '../../cards/admin/admin-notice.card.js';
import { renderFunnelReport } from '../../cards/admin/funnel-report.card.js';
import type { ListCursor } from '../../cards/admin/order-list.card.js';
import { renderOrderList } from '../../cards/admin/order-list.card.js';
import { renderOrderStatus } from '../../cards/admin/order-status.card.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { DirectoryClaims } from '../directory/claims.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { Logger } from '../log/logger.js';
import type { OrderView } from '../orders/order-view.js';
import type { OrdersService } from '../orders/orders.service.js';
import { answersOfStored } from '../setups/setup-answers.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { IncomingEvent } from '../webex/gateway.js';
import { eventKey } from '../webex/incoming-event.key.js';
import { mayPartnerSee } from './admin-access.js';
import {
  type AdminActionDeps,
  cancelAsAdmin,
  reassignOrder,
  remindOwner,
  resolveOrder,
} from './admin-actions.js';
import type { AdminCommand } from './admin-command.parser.js';
import { loadOrderPage, REPORT_SCAN_LIMIT, scanOrders } from './admin-queries.js';
import type { AdminReplies } from './admin-replies.js';
import { decideClaim, listClaims } from './claim-commands.js';
import { computeFunnel } from './funnel.js';

/** Who asked, from where, and whether they are an administrator (decided once per event). */
export interface AdminRequest {
  event: IncomingEvent;
  /** Lower-cased email of the person who asked. */
  person: string;
  isAdmin: boolean;
}

export interface AdminRunnerDeps extends AdminActionDeps {
  /** Domains and addresses setups named, held for an operator. */
  claims: DirectoryClaims;
  orders: Pick<
    OrdersService,
    'getOrder' | 'listOrders' | 'countByStatus' | 'changeContact' | 'cancelOrder' | 'resolveAttention'
  >;
  setups: Pick<SetupsRepository, 'load' | 'listByOwner'> & Partial<Pick<SetupsRepository, 'loadMany'>>;
  /** Names countries and regions on the status card; without it their codes are shown. */
  countries?: CountryCatalog;
  replies: AdminReplies;
  adminLocale: Locale;
  now: () => Date;
  logger: Logger;
}

/**
 * An order the person may see, or undefined. Administrators see every order; anyone else only the
 * orders they are the contact or the setup owner of. Callers answer "not found" for undefined,
 * so an order one may not see looks exactly like one that does not exist.
 */
async function visibleOrder(deps: AdminRunnerDeps, request: AdminRequest, orderId: string) {
  const order = await deps.orders.getOrder(orderId);
  if (order === undefined) return undefined;
  if (request.isAdmin) return order;
  const setup = await deps.setups.load(orderId);
  return mayPartnerSee(order, setup?.ownerEmail, request.person) ? order : undefined;
}

/** The person's own most recent setup's order (active ones first), for `status` without an id. */
async function ownOrder(deps: AdminRunnerDeps, person: string): Promise<OrderView | undefined> {
  const setups = await deps.setups.listByOwner(person);
  const mine = setups.find((setup) => setup.status === 'active') ?? setups[0];
  return mine === undefined ? undefined : deps.orders.getOrder(mine._id);
}

async function showStatus(deps: AdminRunnerDeps, request: AdminRequest, orderId: string | null) {
  const notice = (name: string, content: AdminNotice) =>
    deps.replies.send(request.event, name, renderAdminNotice(content, deps.adminLocale));
  const order =
    orderId === null ? await ownOrder(deps, request.person) : await visibleOrder(deps, request, orderId);
  if (order === undefined) {
    if (orderId !== null) return notice('unknown-order', { kind: 'unknownOrder', orderId });
    if (request.isAdmin)
      return notice('usage', { kind: 'usage', command: 'status', problem: { code: 'missingOrderId' } });
    return notice('no-own-setup', { kind: 'noOwnSetup' });
  }
  const audience = request.isAdmin ? 'admin' : 'partner';
  const locale = request.isAdmin ? deps.adminLocale : order.locale;
  const answers = answersOfStored(await deps.setups.load(order.orderId));
  const countries = deps.countries === undefined ? {} : { countries: deps.countries };
  const message = renderOrderStatus({ order, audience, now: deps.now(), answers, ...countries }, locale);
  await deps.replies.send(request.event, 'status', message, order.orderId);
}

/** The company typed in each listed order's setup, which names its customer from then on. */
async function companiesOf(deps: AdminRunnerDeps, orders: readonly OrderView[]) {
  const companies = new Map<string, string>();
  if (deps.setups.loadMany === undefined) return companies;
  for (const doc of await deps.setups.loadMany(orders.map((order) => order.orderId))) {
    const company = answersOfStored(doc)?.company ?? null;
    if (company !== null) companies.set(doc._id, company);
  }
  return companies;
}

/** Runs one understood command for the person who asked and sends the answer. */
export async function runAdminCommand(
  deps: AdminRunnerDeps,
  request: AdminRequest,
  command: AdminCommand,
  cursor?: ListCursor,
): Promise<void> {
  const locale = deps.adminLocale;
  const send = (name: string, message: Parameters<AdminReplies['send']>[2], orderId?: string) =>
    deps.replies.send(request.event, name, message, orderId);
  if (command.kind === 'status') return showStatus(deps, request, command.orderId);
  if (!request.isAdmin)
    return send('not-admin', renderAdminNotice({ kind: 'notAdmin', command: command.kind }, locale));
  const now = deps.now();
  switch (command.kind) {
    case 'orders':
    case 'attention': {
      const filter = command.kind === 'orders' ? command.filter : 'needs_attention';
      const page = await loadOrderPage(deps.orders, filter, command.page, cursor);
      const companies = await companiesOf(deps, page.items);
      const model = { kind: command.kind, filter, page: command.page, ...page, now, companies };
      return send(command.kind, renderOrderList(model, locale));
    }
    case 'claims':
      return send('claims', await listClaims(deps.claims, locale));
    case 'approve':
    case 'refuse':
      return send(
        command.kind,
        await decideClaim(deps, command.claimId, command.kind, request.person, locale),
      );
    case 'report': {
      const scanned = await scanOrders(deps.orders);
      const model = computeFunnel(scanned.orders, scanned.truncated ? REPORT_SCAN_LIMIT : null);
      return send('report', renderFunnelReport(model, locale));
    }
    case 'remind':
    case 'reassign':
    case 'resolve':
    case 'cancel': {
      const order = await deps.orders.getOrder(command.orderId);
      if (order === undefined)
        return send(
          'unknown-order',
          renderAdminNotice({ kind: 'unknownOrder', orderId: command.orderId }, locale),
        );
      const notice = await runOrderAction(deps, request, command, order);
      deps.logger.info(
        { orderId: order.orderId, command: command.kind, outcome: notice.outcome.kind },
        'admin action',
      );
      return send(command.kind, renderAdminNotice(notice, locale), order.orderId);
    }
  }
}

type OrderAction = Extract<AdminCommand, { kind: 'remind' | 'reassign' | 'resolve' | 'cancel' }>;

/** One administrator's action on an order; its outcome, as the answer shows it. */
async function runOrderAction(
  deps: AdminRunnerDeps,
  request: AdminRequest,
  command: OrderAction,
  order: OrderView,
): Promise<Extract<AdminNotice, { outcome: unknown }>> {
  const by = request.person;
  switch (command.kind) {
    case 'remind':
      return { kind: 'remind', outcome: await remindOwner(deps, order, by, eventKey(request.event)) };
    case 'reassign':
      return { kind: 'reassign', outcome: await reassignOrder(deps, order, command.email, by) };
    case 'resolve':
      return { kind: 'resolve', outcome: await resolveOrder(deps, order, by) };
    case 'cancel':
      return { kind: 'cancel', outcome: await cancelAsAdmin(deps, order, command.reason, by) };
  }
}
