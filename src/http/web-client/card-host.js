// @ts-check
import { markdownToHtml } from './markdown.js';

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** @param {string} strong @param {string} subtle */
const colour = (strong, subtle) => ({ default: strong, subtle });

/** @param {string} backgroundColor */
function containerStyle(backgroundColor) {
  return {
    backgroundColor,
    foregroundColors: {
      default: colour('#121212', '#545454'),
      dark: colour('#000000', '#545454'),
      light: colour('#FFFFFF', '#F2F2F2'),
      accent: colour('#0A60CC', '#0A60CC'),
      good: colour('#1B7A4F', '#1B7A4F'),
      warning: colour('#8F5800', '#8F5800'),
      attention: colour('#C41E24', '#C41E24'),
    },
  };
}

/**
 * A host config close to the Webex app's cards: its font stack, compact spacing, buttons in one
 * horizontal row left-aligned (as Webex lays them out, which is why wide rows overflow there).
 */
export const WEBEX_HOST_CONFIG = {
  fontFamily: "'CiscoSansTT Regular', 'Helvetica Neue', Helvetica, Arial, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#DEDEDE' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: containerStyle('#FFFFFF'),
    emphasis: containerStyle('#F2F2F2'),
    accent: containerStyle('#D9E8FC'),
    good: containerStyle('#DDF3E6'),
    attention: containerStyle('#FBE2E2'),
    warning: containerStyle('#FDF0D5'),
  },
  actions: {
    maxActions: 5,
    spacing: 'default',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    // A long title wraps onto a second line instead of being cut at phone width.
    allowTitleToWrap: true,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 },
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { weight: 'bolder', size: 'default', color: 'default', wrap: true, maxWidth: 150 },
    value: { size: 'default', color: 'default', wrap: true },
    spacing: 12,
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', spacing: 'small', color: 'attention' },
  },
};

/**
 * @param {string} text
 * @param {import('adaptivecards').IMarkdownProcessingResult} result
 */
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

const hostConfig = new AdaptiveCards.HostConfig(WEBEX_HOST_CONFIG);

/**
 * @param {{ contentType: string, content: unknown }[]} attachments
 * @returns {unknown} the card of a message, if it has one
 */
export function cardOf(attachments) {
  return attachments.find((a) => a.contentType === CARD_CONTENT_TYPE)?.content;
}

/**
 * Renders a card as Webex does: schema 1.3 only (newer elements are dropped, as Webex drops
 * them), and a submit hands over the action's data with the inputs merged in (the SDK merges
 * them into `data`, after its own checks of required fields and patterns).
 * @param {unknown} json
 * @param {(inputs: Record<string, unknown>) => void} onSubmit
 * @returns {HTMLElement}
 */
export function renderCard(json, onSubmit) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.parse(json, new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_3));
  card.onExecuteAction = (action) => {
    if (!(action instanceof AdaptiveCards.SubmitAction)) return;
    /** @type {Record<string, unknown>} */
    const inputs = {};
    const data = action.data;
    if (typeof data === 'object' && data !== null) Object.assign(inputs, data);
    onSubmit(inputs);
  };
  const rendered = card.render();
  if (rendered === undefined) throw new Error('the card did not render');
  // A long email or id breaks where it must. The SDK's own break-word still counts it as one
  // unbreakable piece when a fact table sizes its columns, so the table ran past the card's edge
  // at phone width (the administrators' status card); the SDK sets it inline, hence here.
  for (const block of rendered.querySelectorAll('.ac-textBlock'))
    if (block instanceof HTMLElement) block.style.overflowWrap = 'anywhere';
  return rendered;
}
