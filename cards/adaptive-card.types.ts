import type { CardActionData } from '../flows/card-action.schema.js';

/**
 * The Adaptive Cards 1.3 subset the bot uses. Webex renders schema 1.3 only, so these types list no
 * 1.4+ element (`Action.Execute`, `Table`, ...): a card that compiles uses only 1.3 types.
 */

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
  horizontalAlignment?: 'left' | 'center' | 'right';
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
  spacing?: Spacing;
}

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: 'auto' | 'stretch' | string;
  style?: ContainerStyle;
  spacing?: Spacing;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  /** The whole column is clickable (schema 1.1+); for controls that are not answers. */
  selectAction?: SubmitAction;
}

export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  style?: 'text' | 'email';
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
  regex?: string;
  spacing?: Spacing;
}

export interface InputChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: Array<{ title: string; value: string }>;
  style?: 'compact' | 'expanded';
  value?: string;
  placeholder?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: Spacing;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardActionData;
  style?: 'default' | 'positive' | 'destructive';
  /** 1.3: `none` lets Back/Save/Start over skip client-side input validation. */
  associatedInputs?: 'auto' | 'none';
}

/** Opens a web page in the person's browser (the Webex client asks first). */
export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

/** The buttons a card's own action row may hold. */
export type CardAction = SubmitAction | OpenUrlAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: SubmitAction[];
  spacing?: Spacing;
}

export type CardElement =
  | TextBlock
  | FactSet
  | ColumnSet
  | Container
  | InputText
  | InputChoiceSet
  | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.3';
  body: CardElement[];
  actions?: CardAction[];
}

/** A card and the plain-text fallback sent with it (the `markdown`/`text` of the message). */
export interface CardMessage {
  card: AdaptiveCard;
  text: string;
}
