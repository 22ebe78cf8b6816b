import type { AdaptiveCard } from '../adaptive-card.types.js';
import type { AdminActionData } from './admin-action.schema.js';

/** A button of an administrators' card: like the setup cards' buttons, with the admin envelope. */
export interface AdminSubmitAction {
  type: 'Action.Submit';
  title: string;
  data: AdminActionData;
  style?: 'default' | 'positive' | 'destructive';
  /** 1.3: `none` lets a button skip the card's inputs (Remind next to the reassignment field). */
  associatedInputs?: 'auto' | 'none';
}

/** A row of administrators' buttons inside the card's body. */
export interface AdminActionSet {
  type: 'ActionSet';
  actions: AdminSubmitAction[];
  spacing?: 'none' | 'small' | 'default' | 'medium';
}

/** A 1.3 card built from the setup cards' elements, with administrators' buttons. */
export interface AdminCard extends Omit<AdaptiveCard, 'actions' | 'body'> {
  body: Array<AdaptiveCard['body'][number] | AdminActionSet>;
  actions?: AdminSubmitAction[];
}

/** A card and its plain-text fallback (at most 7,439 bytes, Webex's limit). */
export interface AdminCardMessage {
  card: AdminCard;
  text: string;
}
