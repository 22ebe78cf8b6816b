// @ts-check
import { HttpError, requestJson } from './api.js';
import { h, isRecord } from './dom.js';
import { renderOrder } from './order-view.js';
import { startPolling } from './poller.js';

/** Where the shown order is remembered across reloads. */
const SHOWN_KEY = 'wxcc-client.order';
/**
 * How often the shown order and the list are read (`?orderPollMs=` in the page's address sets
 * another pace, e.g. to watch only the reads a message triggers); a new message reads them at once.
 */
const POLL_MS = Number(new URLSearchParams(location.search).get('orderPollMs')) || 1000;
/**
 * After a message, the order is read again at these delays (ms): the bot records what it sent
 * (an invitation delivered) a moment after the message is visible, so the first read can still
 * find the order as it was, and the panel showed "scheduled" under a visible invitation.
 */
const AFTER_MESSAGE_MS = [250, 750, 2000];

/** @returns {string} today in UTC, so that an order in UTC is due at once */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The inspector: creates demo orders through `/api/orders` with the local token, lists the newest
 * orders to pick from, and follows one (remembered across reloads).
 * @param {{ token: string, contactEmail: () => string | undefined }} options
 */
export function createOrdersPanel({ token, contactEmail }) {
  const contact = h('input', {
    id: 'order-contact',
    type: 'email',
    required: true,
    placeholder: 'pat@partner.example',
  });
  const picker = h('select', { id: 'order-pick' }, h('option', { value: '' }, 'Choose an order…'));
  const lookup = h('input', { id: 'order-id', type: 'text', required: true, placeholder: 'DEMO-…' });
  const message = h('p', { class: 'panel-message', role: 'status' });
  const connection = h('p', { class: 'connection' });
  const view = h('div', { class: 'order-view', 'aria-live': 'polite' });
  /** @type {string | undefined} */
  let shown;
  /** @type {ReturnType<typeof setTimeout>[]} */
  let followUps = [];
  contact.addEventListener('input', () => {
    contact.dataset.suggested = 'false';
  });

  /** The newest orders, as options of the picker (the shown one selected). */
  async function refreshList() {
    const body = await requestJson('/api/orders?limit=20', { token });
    const items = isRecord(body) && Array.isArray(body.items) ? body.items.filter(isRecord) : [];
    picker.replaceChildren(
      h('option', { value: '' }, items.length === 0 ? 'No orders yet' : 'Choose an order…'),
      ...items.map((order) => {
        const id = String(order.orderId);
        return h('option', { value: id, selected: id === shown }, `${id} · ${String(order.status)}`);
      }),
    );
  }

  async function refreshShown() {
    const orderId = shown;
    if (orderId === undefined) return;
    try {
      const order = await requestJson(`/api/orders/${encodeURIComponent(orderId)}`, { token });
      if (isRecord(order) && orderId === shown) view.replaceChildren(renderOrder(order));
    } catch (error) {
      // A remembered order gone with the local data: say so once and stop asking for it.
      if (!(error instanceof HttpError && error.status === 404)) throw error;
      shown = undefined;
      localStorage.removeItem(SHOWN_KEY);
      view.replaceChildren(h('p', { class: 'problem' }, `Order ${orderId} was not found.`));
    }
  }

  const poller = startPolling({
    intervalMs: POLL_MS,
    maxMs: 10_000,
    task: async () => {
      await Promise.all([refreshShown(), refreshList()]);
    },
    onStatus: (s) => {
      connection.textContent =
        s.state === 'connected' ? '' : `Reconnecting in ${Math.round(s.inMs / 1000)} s… (${s.error})`;
    },
  });

  /** @param {string} orderId */
  function follow(orderId) {
    shown = orderId;
    lookup.value = orderId;
    localStorage.setItem(SHOWN_KEY, orderId);
    poller.now();
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
        // What happens next is read from the order itself (sent, or failed), not promised here.
        message.textContent = `Order ${orderId} created.`;
        follow(orderId);
      },
      (error) => {
        message.textContent = `Not created: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
  });
  picker.addEventListener('change', () => {
    message.textContent = '';
    if (picker.value !== '') follow(picker.value);
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
    message.textContent = '';
    if (lookup.value.trim() !== '') follow(lookup.value.trim());
  });

  const root = h(
    'aside',
    { class: 'orders-panel', 'aria-labelledby': 'orders-title' },
    h('h2', { id: 'orders-title' }, 'Orders'),
    createForm,
    h('form', { class: 'pick-order' }, h('label', { for: 'order-pick' }, 'Recent orders'), picker),
    lookupForm,
    message,
    connection,
    view,
  );
  const remembered = localStorage.getItem(SHOWN_KEY);
  if (remembered !== null && remembered !== '') follow(remembered);
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
    /** Reads the shown order again now and shortly after (a pane received a message). */
    refresh() {
      for (const timer of followUps) clearTimeout(timer);
      poller.now();
      followUps = AFTER_MESSAGE_MS.map((ms) => setTimeout(() => poller.now(), ms));
    },
  };
}
