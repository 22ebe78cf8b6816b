// @ts-check
import { requestJson } from './api.js';
import { h, isRecord } from './dom.js';
import { startPolling } from './poller.js';

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

/**
 * A value of any shape as nested definition lists, so that fields this page does not know
 * still read well.
 * @param {unknown} value
 * @returns {Node}
 */
function renderValue(value) {
  if (value === null || value === undefined) return h('span', { class: 'none' }, '—');
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'none' }, 'none');
    return h('ol', { class: 'values' }, ...value.map((item) => h('li', {}, renderValue(item))));
  }
  if (isRecord(value)) return renderFields(Object.entries(value));
  return document.createTextNode(String(value));
}

/** @param {Array<[string, unknown]>} entries */
function renderFields(entries) {
  return h(
    'dl',
    { class: 'fields' },
    ...entries.flatMap(([key, value]) => [h('dt', {}, key), h('dd', {}, renderValue(value))]),
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
      h('time', { datetime: String(at) }, new Date(String(at)).toLocaleTimeString()),
      ' ',
      h('strong', {}, String(action)),
      `${change} · by ${String(by)}`,
      details === undefined ? null : renderValue(details),
    );
  });
  return h('ol', { class: 'history' }, ...items);
}

/** @param {Record<string, unknown>} order */
function renderOrder(order) {
  const extra = Object.entries(order).filter(([key]) => !BASIC_FIELDS.includes(key) && key !== 'history');
  const setup = isRecord(order.setup) ? order.setup : undefined;
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

/** @returns {string} today in UTC, so that an order in UTC is due at once */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The inspector: creates demo orders through `/api/orders` with the local token and follows one.
 * @param {{ token: string, contactEmail: () => string | undefined }} options
 */
export function createOrdersPanel({ token, contactEmail }) {
  const contact = h('input', {
    id: 'order-contact',
    type: 'email',
    required: true,
    placeholder: 'pat@partner.example',
  });
  const lookup = h('input', { id: 'order-id', type: 'text', required: true, placeholder: 'DEMO-…' });
  const message = h('p', { class: 'panel-message', role: 'status' });
  const connection = h('p', { class: 'connection' });
  const view = h('div', { class: 'order-view', 'aria-live': 'polite' });
  /** @type {ReturnType<typeof startPolling> | undefined} */
  let poller;
  contact.addEventListener('input', () => {
    contact.dataset.suggested = 'false';
  });

  /** @param {string} orderId */
  function follow(orderId) {
    poller?.stop();
    lookup.value = orderId;
    poller = startPolling({
      intervalMs: 2000,
      maxMs: 10_000,
      task: async () => {
        const order = await requestJson(`/api/orders/${encodeURIComponent(orderId)}`, { token });
        if (isRecord(order)) view.replaceChildren(renderOrder(order));
      },
      onStatus: (s) => {
        connection.textContent =
          s.state === 'connected' ? '' : `Reconnecting in ${Math.round(s.inMs / 1000)} s… (${s.error})`;
      },
    });
  }

  const createForm = h(
    'form',
    { class: 'create-order' },
    h('label', { for: 'order-contact' }, 'Provisioning contact'),
    contact,
    h('button', { type: 'submit' }, 'Create demo order due now'),
  );
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const orderId = `DEMO-${Date.now().toString(36).toUpperCase()}`;
    const body = {
      orderId,
      requestedStartDate: todayUtc(),
      timeZone: 'UTC',
      provisioningContactEmail: contact.value.trim(),
      partnerName: 'Northwind Collaboration Partners',
      customerName: 'Contoso Retail d.o.o.',
    };
    requestJson('/api/orders', { method: 'POST', token, body }).then(
      () => {
        message.textContent = `Order ${orderId} created; the invitation arrives within a few seconds.`;
        follow(orderId);
      },
      (error) => {
        message.textContent = `Not created: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
  const lookupForm = h(
    'form',
    { class: 'lookup-order' },
    h('label', { for: 'order-id' }, 'Order id'),
    lookup,
    h('button', { type: 'submit' }, 'Show'),
  );
  lookupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (lookup.value.trim() !== '') follow(lookup.value.trim());
  });

  const root = h(
    'aside',
    { class: 'orders-panel', 'aria-labelledby': 'orders-title' },
    h('h2', { id: 'orders-title' }, 'Orders'),
    createForm,
    lookupForm,
    message,
    view,
  );
  return {
    root,
    /** Keeps the contact field on the person of the first pane until someone types another. */
    suggestContact() {
      const email = contactEmail();
      if (email !== undefined && (contact.value === '' || contact.dataset.suggested === 'true')) {
        contact.value = email;
        contact.dataset.suggested = 'true';
      }
    },
    follow,
  };
}
