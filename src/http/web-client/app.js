// @ts-check
import { loadConfig } from './api.js';
import { createClockControl } from './clock.js';
import { h } from './dom.js';
import { createOrdersPanel } from './orders.js';
import { createPane } from './pane.js';

/** Remembers each pane's person across reloads. */
const remembered = (/** @type {number} */ index) =>
  localStorage.getItem(`wxcc-client.pane${index}`) ?? undefined;

/**
 * Keeps `--top-height` on the page at the header's height, which wraps to several lines on a
 * phone: the pane's height is the window's less the header, so that the composer is on the
 * screen without scrolling the page (capped at the window's height, it ended 130 px below it).
 */
function followHeaderHeight() {
  const header = document.querySelector('header.top');
  if (!(header instanceof HTMLElement)) return;
  const set = () =>
    document.documentElement.style.setProperty('--top-height', `${Math.ceil(header.offsetHeight)}px`);
  new ResizeObserver(set).observe(header);
  set();
}

async function main() {
  const main = document.getElementById('app');
  if (main === null) return;
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    main.replaceChildren(
      h(
        'p',
        { class: 'problem' },
        `This page works in local mode only (npm start without WEBEX_ACCESS_TOKEN): ${String(error)}`,
      ),
    );
    return;
  }
  const localConfig = config;
  const panes = [0, 1].map((index) =>
    createPane({
      index,
      config: localConfig,
      onPersonChange: (email) => {
        localStorage.setItem(`wxcc-client.pane${index}`, email);
        orders.suggestContact();
      },
      onNewMessage: () => orders.refresh(),
    }),
  );
  const [first, second] = panes;
  if (first === undefined || second === undefined) return;
  const orders = createOrdersPanel({ token: localConfig.ordersApiToken, contactEmail: () => first.email() });

  const conversations = h('div', { class: 'conversations' }, first.root, second.root);
  const split = h('button', { type: 'button', class: 'split-toggle', 'aria-pressed': 'false' }, 'Split view');
  const setSplit = (/** @type {boolean} */ on) => {
    conversations.classList.toggle('split', on);
    split.setAttribute('aria-pressed', String(on));
    second.root.hidden = !on;
    localStorage.setItem('wxcc-client.split', String(on));
  };
  split.addEventListener('click', () => setSplit(!conversations.classList.contains('split')));
  setSplit(localStorage.getItem('wxcc-client.split') === 'true');

  const clock = createClockControl({ token: localConfig.ordersApiToken, onMoved: () => orders.refresh() });
  document.getElementById('toolbar')?.append(clock, split);
  followHeaderHeight();
  main.replaceChildren(conversations, orders.root);

  for (const [index, pane] of panes.entries()) {
    const email = remembered(index);
    if (email !== undefined) void pane.open(email);
  }
}

void main();
