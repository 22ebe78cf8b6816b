import { isAdminActionInputs } from '../../cards/admin/admin-action.schema.js';
import {
  type AdminCommandName,
  type AdminNotice,
  renderAdminNotice,
  type UsageProblem,
} from '../../cards/admin/admin-notice.card.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { CommandHandler } from '../conversation/text-commands.js';
import type { Logger } from '../log/logger.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../webex/gateway.js';
import { createAdminDirectory } from './admin-access.js';
import type { AdminActionDeps } from './admin-actions.js';
import { parseAdminText } from './admin-command.parser.js';
import { createAdminReplies } from './admin-replies.js';
import { type AdminRequest, runAdminCommand } from './admin-runner.js';
import { parseAdminSubmit } from './admin-submit.js';

export type { RemindResult } from './admin-actions.js';

export interface AdminCommandsOptions extends AdminActionDeps {
  orders: Pick<OrdersService, 'getOrder' | 'listOrders' | 'countByStatus' | 'changeContact'>;
  setups: Pick<SetupsRepository, 'load' | 'listByOwner'>;
  /** Answers go through the persisted outbox, once per incoming event. */
  outbox: Outbox;
  /** `ADMIN_EMAILS`. */
  adminEmails: readonly string[];
  /** `ADMIN_ROOM_ID`: its members are administrators too, and its questions are answered there. */
  adminRoomId: string | undefined;
  /** The gateway's `listRoomMemberEmails`; called at most once a minute. */
  listRoomMemberEmails: (roomId: string) => Promise<string[]>;
  now: () => Date;
  logger: Logger;
  /** The language of administrators' cards (default English); partners get their order's. */
  adminLocale?: Locale;
  /** How long the administrators' space member list is trusted (default 60 s). */
  memberCacheMs?: number;
}

export interface AdminCommands extends CommandHandler {
  /** Handles a card submit whose inputs carry the `admin` key; false for any other submit. */
  handleAdminSubmit(event: IncomingCardSubmit): Promise<boolean>;
  /** Whether a person is an administrator (configured, or a member of the administrators' space). */
  isAdmin(email: string, roomId?: string): Promise<boolean>;
}

/**
 * The administrators' commands (`status`, `orders`, `attention`, `report`, `remind`, `reassign`)
 * typed 1:1 or with an @mention, and the buttons of their cards. Partners may ask `status` about
 * their own orders; anyone else learns nothing about any order.
 */
export function createAdminCommands(options: AdminCommandsOptions): AdminCommands {
  const directory = createAdminDirectory({
    adminEmails: options.adminEmails,
    adminRoomId: options.adminRoomId,
    listRoomMemberEmails: options.listRoomMemberEmails,
    now: options.now,
    logger: options.logger,
    ...(options.memberCacheMs === undefined ? {} : { cacheMs: options.memberCacheMs }),
  });
  const replies = createAdminReplies({ outbox: options.outbox, adminRoomId: options.adminRoomId });
  const deps = { ...options, replies, adminLocale: options.adminLocale ?? 'en' };

  async function requestOf(event: IncomingEvent): Promise<AdminRequest> {
    return {
      event,
      person: event.personEmail.toLowerCase(),
      isAdmin: await directory.isAdmin(event.personEmail, event.roomId),
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
    isAdmin: (email, roomId) => directory.isAdmin(email, roomId),

    async handle(event: IncomingText) {
      const parsed = parseAdminText(event.text);
      if (parsed.kind === 'other') return false;
      const request = await requestOf(event);
      if (parsed.kind === 'malformed') {
        await answerMalformed(request, parsed.command, parsed.problem);
        return true;
      }
      await runAdminCommand(deps, request, parsed.command);
      return true;
    },

    async handleAdminSubmit(event: IncomingCardSubmit) {
      if (!isAdminActionInputs(event.inputs)) return false;
      const request = await requestOf(event);
      const parsed = parseAdminSubmit(event.inputs);
      if (parsed.kind === 'malformed') {
        if (parsed.problem.code === 'unreadableCard')
          options.logger.warn({}, 'unreadable administrators card submit');
        await answerMalformed(request, parsed.command, parsed.problem);
        return true;
      }
      await runAdminCommand(deps, request, parsed.command, parsed.cursor);
      return true;
    },
  };
}
