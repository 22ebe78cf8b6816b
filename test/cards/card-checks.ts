import { AdaptiveCard, SerializationContext, Versions } from 'adaptivecards';
import { cardActionEnvelopeSchema, ENVELOPE_KEYS } from '../../flows/card-action.schema.js';
import { parseCountries } from '../../src/directory/countries.js';

/**
 * Checks every card must pass. The Adaptive Cards SDK parses and validates in Node without a DOM
 * (only rendering needs one); with target version 1.3 it reports any property or type newer than
 * 1.3, and duplicate ids.
 */
export function sdkProblems(json: unknown): string[] {
  const card = new AdaptiveCard();
  const context = new SerializationContext(Versions.v1_3);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

const ELEMENTS_1_3 = new Set([
  'TextBlock',
  'Image',
  'RichTextBlock',
  'Media',
  'Container',
  'ColumnSet',
  'Column',
  'FactSet',
  'ImageSet',
  'ActionSet',
  'Input.Text',
  'Input.Number',
  'Input.Date',
  'Input.Time',
  'Input.Toggle',
  'Input.ChoiceSet',
]);
const ACTIONS_1_3 = new Set([
  'Action.Submit',
  'Action.OpenUrl',
  'Action.ShowCard',
  'Action.ToggleVisibility',
]);
const MAX_ACTIONS = 5;

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Our own structural rules: 1.3 types only, at most five buttons, valid action data, safe input ids. */
export function shapeProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(card)) return ['not an object'];
  if (card.version !== '1.3') problems.push(`version ${String(card.version)}`);
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json') problems.push('no $schema');
  const inputIds: string[] = [];
  let totalActions = 0;
  const visitActions = (actions: unknown, where: string) => {
    if (!Array.isArray(actions)) return;
    if (actions.length > MAX_ACTIONS) problems.push(`${actions.length} actions in ${where}`);
    totalActions += actions.length;
    for (const action of actions) {
      if (!isObject(action) || !ACTIONS_1_3.has(String(action.type)))
        problems.push(`action type ${JSON.stringify(action)}`);
      else if (action.type === 'Action.Submit' && !cardActionEnvelopeSchema.safeParse(action.data).success)
        problems.push(`bad action data ${JSON.stringify(action.data)}`);
    }
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    const type = node.type;
    if (
      typeof type === 'string' &&
      type !== 'AdaptiveCard' &&
      !type.startsWith('Action.') &&
      !ELEMENTS_1_3.has(type)
    )
      problems.push(`element type ${type}`);
    if (typeof type === 'string' && type.startsWith('Input.')) inputIds.push(String(node.id));
    if (type === 'ActionSet') visitActions(node.actions, 'an ActionSet');
    for (const key of ['body', 'items', 'columns']) visit(node[key]);
  };
  visit(card);
  visitActions(card.actions, 'the card');
  // Webex shows about five buttons well: count all of them, not only per level.
  if (totalActions > MAX_ACTIONS) problems.push(`${totalActions} buttons in all`);
  for (const id of inputIds)
    if (ENVELOPE_KEYS.includes(id)) problems.push(`input id ${id} collides with the envelope`);
  if (new Set(inputIds).size !== inputIds.length) problems.push('duplicate input ids');
  return problems;
}

/** Every `Action.Submit` of a card, wherever it is. */
export function submitActions(card: unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    if (node.type === 'Action.Submit') out.push(node);
    for (const key of ['body', 'items', 'columns', 'actions', 'selectAction']) visit(node[key]);
  };
  visit(card);
  return out;
}

/** Every element of a card in document order, flattened. */
export function elements(card: unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    if (node.type !== 'AdaptiveCard') out.push(node);
    for (const key of ['body', 'items', 'columns']) visit(node[key]);
  };
  visit(card);
  return out;
}

/** A small countries list so card snapshots do not change when the operator edits the real one. */
export const TEST_COUNTRIES = parseCountries({
  source: 'test',
  reviewedOn: '2026-01-01',
  regions: [
    { code: 'eu', name: { en: 'European Union', hr: 'Europska unija' }, contactCenterCode: 'eu1' },
    { code: 'us', name: { en: 'United States', hr: 'Sjedinjene Američke Države' }, contactCenterCode: 'us1' },
  ],
  countries: [
    { code: 'HR', name: { en: 'Croatia', hr: 'Hrvatska' }, region: 'eu' },
    { code: 'CL', name: { en: 'Chile', hr: 'Čile' }, region: 'us' },
    { code: 'DK', name: { en: 'Denmark', hr: 'Danska' }, region: 'eu' },
    { code: 'CY', name: { en: 'Cyprus', hr: 'Cipar' }, region: 'eu' },
  ],
});
