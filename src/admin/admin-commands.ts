import {
  type AdminCommandName,
  type AdminNotice,
  renderAdminNotice,
  type UsageProblem,
} from '../../cards/admin/admin-notice.card.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { DirectoryClaims } from '../directory/claims.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { Logger } from '../log/logger.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../webex/gateway.js';
import type { AdminDirectory } from './admin-access.js';
import type { AdminActionDeps } from './admin-actions.js';
import type { TypedAdminText } from './admin-command.parser.js';
import { createAdminReplies } from './admin-replies.js';
import { type AdminRequest, runAdminCommand } from './admin-runner.js';
import { parseAdminSubmit } from './admin-submit.js';

export type { RemindResult } from './admin-actions.js';

export interface AdminCommandsOptions extends AdminActionDeps {
  orders: Pick<
    OrdersService,
    'getOrder' | 'listOrders' | 'countByStatus' | 'changeContact' | 'cancelOrder' | 'resolveAttention'
  >;
  setups: Pick<SetupsRepository, 'load' | 'listByOwner'> & Partial<Pick<SetupsRepository, 'loadMany'>>;
  /** Names countries and regions on the status card. */
  countries?: CountryCatalog;
  /** Domains and addresses setups named, held for an operator (`claims`, `approve`, `refuse`). */
  claims: DirectoryClaims;
  /** Answers go through the persisted outbox, once per incoming event. */
  outbox: Outbox;
  /** Who the administrators are; shared with the router, which asks it for `help`. */
  access: AdminDirectory;
  /** `ADMIN_ROOM_ID`: questions asked there are answered there. */
  adminRoomId: string | undefined;
  now: () => Date;
  logger: Logger;
  /** The language of administrators' cards (default English); partners get their order's. */
  adminLocale?: Locale;
}

/** The handlers the bot router hands administrators' commands and buttons to. */
export interface AdminCommands {
  /** A typed command, as `parseAdminText` read it (anything but `other`). */
  handleText(event: IncomingText, parsed: TypedAdminText): Promise<void>;
  /** A button of an administrators' card (its inputs carry the `admin` key). */
  handleButton(event: IncomingCardSubmit): Promise<void>;
}

/**
 * The administrators' commands (`status`, `orders`, `attention`, `report`, `remind`, `reassign`,
 * `resolve`, `cancel`)
 * typed 1:1 or with an @mention, and the buttons of their cards. Partners may ask `status` about
 * their own orders; anyone else learns nothing about any order.
 */
export function createAdminCommands(options: AdminCommandsOptions): AdminCommands {
  const replies = createAdminReplies({ outbox: options.outbox, adminRoomId: options.adminRoomId });
  const deps = { ...options, replies, adminLocale: options.adminLocale ?? 'en' };

  async function requestOf(event: IncomingEvent): Promise<AdminRequest> {
    return {
      event,
      person: event.personEmail.toLowerCase(),
      isAdmin: await options.access.isAdmin(event.personEmail, event.roomId),
    };
  }

  const notice = (request: AdminRequest, name: string, content: AdminNotice) =>
    replies.send(request.event, name, renderAdminNotice(content, deps.adminLocale));

  /** A command in the wrong form: its right form, except admin-only ones asked by others (refused, nothing more). */
  const answerMalformed = (request: AdminRequest, command: AdminCommandName, problem: UsageProblem) =>
    !request.isAdmin && command !== 'status'
      ? notice(request, 'not-admin', { kind: 'notAdmin', command })
      : notice(request, 'usage', { kind: 'usage', command, problem });

  return {
    async handleText(event, parsed) {
      const request = await requestOf(event);
      if (parsed.kind === 'malformed') return answerMalformed(request, parsed.command, parsed.problem);
      await runAdminCommand(deps, request, parsed.command);
    },

    async handleButton(event) {
      const request = await requestOf(event);
      const parsed = parseAdminSubmit(event.inputs);
      if (parsed.kind === 'malformed') {
        if (parsed.problem.code === 'unreadableCard')
          options.logger.warn({}, 'unreadable administrators card submit');
        return answerMalformed(request, parsed.command, parsed.problem);
      }
      await runAdminCommand(deps, request, parsed.command, parsed.cursor);
    },
  };
}
