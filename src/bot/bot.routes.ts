import { isAdminActionInputs } from '../../cards/admin/admin-action.schema.js';
import type { AdminDirectory } from '../admin/admin-access.js';
import { parseAdminText, type TypedAdminText } from '../admin/admin-command.parser.js';
import type { AdminCommands } from '../admin/admin-commands.js';
import type { Conversation } from '../conversation/conversation.js';
import type { IncomingText } from '../webex/gateway.js';
import { createEventRoutes, type EventRoutes } from './event.router.js';

/** The setup's handlers the routes lead to. */
export type SetupHandlers = Pick<
  Conversation,
  | 'handleSubmit'
  | 'replyHelp'
  | 'replyNotUnderstoodInGroup'
  | 'resume'
  | 'confirmRestart'
  | 'showStatus'
  | 'answerOtherText'
>;

export interface BotRoutesParts {
  admin: AdminCommands;
  setup: SetupHandlers;
  /** Decides who sees the administrators' part of `help`. */
  access: AdminDirectory;
}

const RESUME = /^(resume|continue|nastavi)$/i;
const RESTART = /^(restart|start over|ispo[cč]etka|kreni ispo[cč]etka)$/i;
const STATUS = /^(status|stanje)$/i;
const HELP = /^(help|\?|pomo[cć])$/i;

/** The text as people mean it: outer spaces dropped, inner runs of spaces as one. */
const wordsOf = (event: IncomingText) => event.text.trim().replace(/\s+/g, ' ');
const says = (pattern: RegExp) => (event: IncomingText) => pattern.test(wordsOf(event));
const always = () => true;

/** A typed administrators' command, in the right form or not; anything else is the setup's. */
function typedAdminCommand(event: IncomingText): TypedAdminText | undefined {
  const parsed = parseAdminText(event.text);
  if (parsed.kind === 'other') return undefined;
  // A bare "cancel" is what someone mid-setup types to stop: the setup answers it with where it
  // stands (Resume, Start over). Administrators cancel an order by naming it.
  if (parsed.kind === 'malformed' && parsed.command === 'cancel' && parsed.problem.code === 'missingOrderId')
    return undefined;
  return parsed;
}

/**
 * Every route of the bot, in the order events are matched: administrators' commands and the
 * buttons of their cards first (only words nobody types mid-setup for another reason, and cards
 * of their own), then the setup: its cards, `help`, group spaces, `resume`, `restart`, `status`,
 * and anything else typed, which is answered with where the setup stands.
 */
export function createBotRoutes(parts: BotRoutesParts): EventRoutes {
  const { admin, setup, access } = parts;
  return (
    createEventRoutes()
      .text('admin command', typedAdminCommand, (event, parsed) => admin.handleText(event, parsed))
      .submit(
        'admin button',
        (event) => isAdminActionInputs(event.inputs),
        (event) => admin.handleButton(event),
      )
      .submit('setup card', always, (event) => setup.handleSubmit(event))
      // An empty message (a bare @mention) is a question too: what can I do here?
      .text(
        'help',
        (event) => wordsOf(event) === '' || HELP.test(wordsOf(event)),
        async (event) => {
          // Members of the administrators' space are administrators too: the access check knows them.
          const showAdminCommands = await access.isAdmin(event.personEmail, event.roomId);
          await setup.replyHelp(event, showAdminCommands);
        },
      )
      // A setup is only ever done 1:1: in a space, the setup's words mean nothing.
      .text(
        'group space',
        (event) => event.roomType === 'group',
        (event) => setup.replyNotUnderstoodInGroup(event),
      )
      .text('resume', says(RESUME), (event) => setup.resume(event))
      .text('restart', says(RESTART), (event) => setup.confirmRestart(event))
      .text('status', says(STATUS), (event) => setup.showStatus(event))
      .text('anything else', always, (event) => setup.answerOtherText(event))
  );
}
