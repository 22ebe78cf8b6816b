// @ts-check
import { h, isRecord } from './dom.js';

/**
 * The fields every order has (see the README's HTTP API); whatever else `GET /api/orders/{id}`
 * returns (the setup's stored answers, for one) is shown as it comes, under "Stored by the bot".
 */
const BASIC_FIELDS = [
  'orderId',
  'status',
  'statusReason',
  'requestedStartDate',
  'provisioningContactEmail',
  'partnerName',
  'customerName',
  'offer',
  'setupWindowDays',
  'trialOrgId',
  'locale',
  'timeZone',
  'contactVersion',
  'dueAt',
  'deadlineAt',
  'invitedAt',
  'setup',
  'createdAt',
  'updatedAt',
  'lastActivityAt',
];
const SHOWN_ON_TOP = [
  'status',
  'statusReason',
  'provisioningContactEmail',
  'requestedStartDate',
  'invitedAt',
];

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * A moment in this browser's local time, the ISO value kept in `datetime` and the tooltip.
 * @param {string} iso
 */
export function localTime(iso) {
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString());
}

/**
 * A value: text, a local time for a moment, a list for an array.
 * @param {unknown} value
 * @returns {Node}
 */
function renderValue(value) {
  if (value === null || value === undefined) return h('span', { class: 'none' }, '—');
  if (typeof value === 'string' && ISO_MOMENT.test(value)) return localTime(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'none' }, 'none');
    return h('ol', { class: 'values' }, ...value.map((item) => h('li', {}, renderValue(item))));
  }
  return document.createTextNode(isRecord(value) ? JSON.stringify(value) : String(value));
}

/**
 * Nested objects flattened to dotted names (`answers.partnerOrg.name`): nested lists put each
 * level in a narrower column, down to a few characters (an id broken every three letters).
 * @param {Array<[string, unknown]>} entries
 * @param {string} [prefix]
 * @returns {Array<[string, unknown]>}
 */
function flatten(entries, prefix = '') {
  return entries.flatMap(([key, value]) =>
    isRecord(value) && Object.keys(value).length > 0
      ? flatten(Object.entries(value), `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

/** @param {Array<[string, unknown]>} entries */
function renderFields(entries) {
  return h(
    'dl',
    { class: 'fields' },
    ...flatten(entries).flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, renderValue(value))]),
  );
}

/** @param {unknown} history */
function renderHistory(history) {
  if (!Array.isArray(history) || history.length === 0) return h('p', { class: 'none' }, 'No history yet.');
  const items = history.filter(isRecord).map((entry) => {
    const { at, by, action, from, to, details } = entry;
    const change = from === undefined && to === undefined ? '' : ` · ${from ?? ''} → ${to ?? ''}`;
    return h(
      'li',
      {},
      localTime(String(at)),
      ' ',
      h('strong', {}, String(action)),
      `${change} · by ${String(by)}`,
      isRecord(details) ? renderFields(Object.entries(details)) : null,
    );
  });
  return h('ol', { class: 'history' }, ...items);
}

/**
 * What the order's state means now, in words, from the order itself (never from what the page
 * did): a failed invitation reads as failed, not as "arrives within a few seconds".
 * @param {Record<string, unknown>} order
 * @returns {{ text: string, problem: boolean }}
 */
export function describeState(order) {
  const when = (/** @type {unknown} */ iso) =>
    typeof iso === 'string' ? new Date(iso).toLocaleString() : '?';
  switch (order.status) {
    case 'scheduled':
      return {
        text: `Invitation due ${when(order.dueAt)}; it is sent within a few seconds of that.`,
        problem: false,
      };
    case 'invited':
      return {
        text: `Invitation sent ${when(order.invitedAt)}; waiting for the contact to start.`,
        problem: false,
      };
    case 'in_progress':
      return { text: 'The setup is in progress.', problem: false };
    case 'needs_attention':
      return { text: `Needs attention: ${String(order.statusReason ?? 'no reason given')}.`, problem: true };
    case 'completed':
      return { text: 'The setup is complete.', problem: false };
    default:
      return {
        text: `Closed: ${String(order.status)}${order.statusReason ? ` (${String(order.statusReason)})` : ''}.`,
        problem: true,
      };
  }
}

/** @param {Record<string, unknown>} order */
export function renderOrder(order) {
  const extra = Object.entries(order).filter(([key]) => !BASIC_FIELDS.includes(key) && key !== 'history');
  const setup = isRecord(order.setup) ? order.setup : undefined;
  const state = describeState(order);
  return h(
    'div',
    { class: 'order' },
    h('h3', {}, `Order ${String(order.orderId)}`),
    h(
      'p',
      { class: 'order-status' },
      h('strong', { 'data-field': 'status' }, String(order.status)),
      setup === undefined
        ? ''
        : ` · step ${String(setup.stepNumber)} of ${String(setup.totalSteps)} (${String(setup.step)}), owner ${String(setup.ownerEmail)}`,
    ),
    h('p', { class: state.problem ? 'order-state problem' : 'order-state' }, state.text),
    renderFields(SHOWN_ON_TOP.filter((key) => key in order).map((key) => [key, order[key]])),
    h('h4', {}, 'Stored by the bot'),
    extra.length === 0
      ? h('p', { class: 'none' }, 'Nothing beyond the order’s own fields yet.')
      : h('div', { class: 'stored' }, renderFields(extra)),
    h('h4', {}, 'History'),
    renderHistory(order.history),
    h(
      'details',
      {},
      h('summary', {}, 'Every field'),
      renderFields(Object.entries(order).filter(([key]) => BASIC_FIELDS.includes(key))),
    ),
  );
}
