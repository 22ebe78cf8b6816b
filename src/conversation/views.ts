import type { ShortNoticeKind } from '../../cards/notices/short-notice.card.js';
import type { FieldErrors } from '../../flows/order-setup.errors.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { OutgoingMessage } from '../webex/gateway.js';

/** Short answers that are not a step of the setup (the catalog in `cards/` lists them). */
export type NoticeKind = ShortNoticeKind;

/** When the order line closes, for the "saved" answer; null when unknown. */
export interface Deadline {
  at: string;
  timeZone: string;
}

/**
 * Everything the conversation shows, as messages (card + text fallback). Implemented over the pure
 * card builders in `cards/`; the conversation never builds card JSON itself.
 */
export interface ConversationViews {
  /** The card of the current step; with `errors`/`values` it is the same card with the errors shown. */
  step(
    snapshot: OrderSetupSnapshot,
    rev: number,
    form?: { errors: FieldErrors; values: Record<string, string> },
  ): OutgoingMessage;
  /** "You have a setup in progress": Resume / Start over. */
  resumePrompt(snapshot: OrderSetupSnapshot, rev: number): OutgoingMessage;
  restartConfirm(snapshot: OrderSetupSnapshot, rev: number): OutgoingMessage;
  /** To the previous owner after a hand-off. */
  handedOff(snapshot: OrderSetupSnapshot, to: string): OutgoingMessage;
  /** To the colleague who receives the setup: its Continue setup shows the step card. */
  handOffInvite(snapshot: OrderSetupSnapshot, from: string): OutgoingMessage;
  needsAttention(snapshot: OrderSetupSnapshot): OutgoingMessage;
  /** After Save and exit: everything is saved (`draftKept`: and what was typed on the card); Continue setup. */
  savedAndExited(
    snapshot: OrderSetupSnapshot,
    deadline: Deadline | null,
    draftKept?: boolean,
  ): OutgoingMessage;
  success(snapshot: OrderSetupSnapshot): OutgoingMessage;
  notice(kind: NoticeKind, locale: Locale, params?: Record<string, string>): OutgoingMessage;
  help(locale: Locale, isAdmin: boolean): OutgoingMessage;
}
