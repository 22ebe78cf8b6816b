// @ts-check
import { directMessages, ensurePerson, HttpError, listPeople, sendMessage, submitCard } from './api.js';
import { h } from './dom.js';
import { renderMessage } from './message-view.js';
import { startPolling } from './poller.js';

/**
 * @typedef {import('./api.js').LocalConfig} LocalConfig
 * @typedef {import('./api.js').EmulatorPerson} EmulatorPerson
 * @typedef {import('./api.js').WebexMessage} WebexMessage
 */

const POLL_MS = 1000;
const MAX_BACKOFF_MS = 10_000;

/**
 * One person's Webex client: who they are, their 1:1 space with the bot, and a composer.
 * @param {{ index: number, config: LocalConfig, onPersonChange: (email: string) => void, onNewMessage?: () => void }} options
 */
export function createPane({ index, config, onPersonChange, onNewMessage }) {
  const id = (/** @type {string} */ name) => `pane${index}-${name}`;
  const select = h('select', { id: id('person'), name: 'person' });
  const newEmail = h('input', {
    id: id('new-email'),
    type: 'email',
    required: true,
    placeholder: 'name@partner.example',
  });
  const newName = h('input', { id: id('new-name'), type: 'text', placeholder: 'Display name (optional)' });
  const status = h('p', { class: 'connection', role: 'status', 'aria-live': 'polite' }, 'Pick a person.');
  const list = h('ol', { class: 'messages', 'aria-label': 'Messages with the bot', 'aria-live': 'polite' });
  const text = h('input', {
    id: id('text'),
    type: 'text',
    autocomplete: 'off',
    disabled: true,
    placeholder: 'Write a message to the bot',
  });
  const send = h('button', { type: 'submit', disabled: true }, 'Send');
  const composer = h(
    'form',
    { class: 'composer' },
    h('label', { for: id('text'), class: 'visually-hidden' }, 'Message'),
    text,
    send,
  );
  const who = h('h2', { class: 'who', id: id('who') }, 'Nobody yet');
  const newPerson = h(
    'details',
    { class: 'new-person' },
    h('summary', {}, 'New person'),
    h(
      'form',
      { class: 'create' },
      h('label', { for: id('new-email') }, 'Email'),
      newEmail,
      h('label', { for: id('new-name') }, 'Name'),
      newName,
      h('button', { type: 'submit' }, 'Create and open'),
    ),
  );
  const root = h(
    'section',
    { class: 'pane', 'data-pane': String(index), 'aria-labelledby': id('who') },
    h(
      'div',
      { class: 'pane-head' },
      h('form', { class: 'pick' }, h('label', { for: id('person') }, 'Person'), select),
      newPerson,
    ),
    who,
    status,
    list,
    composer,
  );

  /** @type {EmulatorPerson | undefined} */
  let person;
  /** @type {ReturnType<typeof startPolling> | undefined} */
  let poller;
  /** @type {Map<string, { version: string, element: HTMLElement }>} */
  const shown = new Map();
  // Set by the person's own action: the next card from the bot takes the focus.
  let awaitingReply = false;

  /** @param {{ email: string, displayName: string }[]} people */
  function fillPeople(people, selected = person?.email) {
    const known = new Map();
    for (const p of config.people)
      known.set(p.email, `${p.displayName} (${p.role === 'admin' ? 'administrator' : p.role})`);
    for (const p of people) if (!known.has(p.email)) known.set(p.email, p.displayName);
    select.replaceChildren(
      h('option', { value: '' }, 'Choose…'),
      ...[...known].map(([email, label]) =>
        h('option', { value: email, selected: email === selected }, `${label} · ${email}`),
      ),
    );
  }

  async function refreshPeople() {
    fillPeople(await listPeople().catch(() => []));
  }

  /** @param {string} message */
  function showProblem(message) {
    status.textContent = message;
    status.classList.add('problem');
  }

  /**
   * @param {string} messageId
   * @param {Record<string, unknown>} inputs
   * @param {HTMLElement} cardElement
   */
  async function submit(messageId, inputs, cardElement) {
    if (person === undefined) return;
    awaitingReply = true;
    cardElement.setAttribute('aria-busy', 'true');
    try {
      await submitCard(person.token, messageId, inputs);
      poller?.now();
    } catch (error) {
      showProblem(`The click was not sent: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      cardElement.removeAttribute('aria-busy');
    }
  }

  /** Moves the focus into a new card: its first empty-or-wrong input, else the card itself. */
  function focusCard(/** @type {HTMLElement} */ item) {
    const card = item.querySelector('.card');
    if (!(card instanceof HTMLElement)) return;
    // Only while the person is still in this pane: someone typing in the other pane (or the
    // orders panel) keeps the focus, else the rest of what they typed went into this card.
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !root.contains(active)) {
      list.scrollTop = list.scrollHeight;
      return;
    }
    const input = card.querySelector(
      '.ac-input-validation-failed input, input:not([type=hidden]), textarea, select',
    );
    // preventScroll: focusing must not scroll the page (the header would leave the screen on a
    // phone); the message list scrolls itself to the newest card instead.
    if (input instanceof HTMLElement) input.focus({ preventScroll: true });
    else card.focus({ preventScroll: true });
    list.scrollTop = list.scrollHeight;
  }

  /** @param {WebexMessage[]} messages */
  function show(messages) {
    let newest;
    for (const message of messages) {
      const version = message.updated ?? message.created;
      const current = shown.get(message.id);
      if (current?.version === version) continue;
      const element = renderMessage(
        message,
        { email: config.botEmail, name: config.botName },
        (inputs, card) => void submit(message.id, inputs, card),
      );
      if (current === undefined) list.append(element);
      else current.element.replaceWith(element);
      shown.set(message.id, { version, element });
      if (current === undefined && message.personEmail === config.botEmail) newest = element;
    }
    if (newest === undefined) return;
    // The bot answered: the order it concerns may have changed too.
    onNewMessage?.();
    list.scrollTop = list.scrollHeight;
    if (awaitingReply && newest.classList.contains('has-card')) {
      awaitingReply = false;
      focusCard(newest);
    }
  }

  async function poll() {
    const current = person;
    if (current === undefined) return;
    try {
      show(await directMessages(current.token, config.botEmail));
    } catch (error) {
      // A restarted emulator that kept nothing gave new tokens: ask for this person's again.
      if (error instanceof HttpError && error.status === 401)
        person = await ensurePerson(current.email, current.displayName);
      throw error;
    }
  }

  /** @param {string} email @param {string | undefined} [displayName] */
  async function open(email, displayName) {
    poller?.stop();
    person = undefined;
    shown.clear();
    list.replaceChildren();
    text.disabled = true;
    send.disabled = true;
    status.classList.remove('problem');
    status.textContent = 'Connecting…';
    try {
      person = await ensurePerson(email, displayName);
    } catch (error) {
      showProblem(`Could not open ${email}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    who.textContent = `${person.displayName} · ${person.email}`;
    text.disabled = false;
    send.disabled = false;
    onPersonChange(person.email);
    await refreshPeople();
    poller = startPolling({
      task: poll,
      intervalMs: POLL_MS,
      maxMs: MAX_BACKOFF_MS,
      onStatus: (s) => {
        status.classList.toggle('problem', s.state === 'retrying');
        status.textContent =
          s.state === 'connected'
            ? `Connected: 1:1 space with ${config.botEmail}`
            : `Reconnecting in ${Math.round(s.inMs / 1000)} s… (${s.error})`;
      },
    });
  }

  select.addEventListener('change', () => {
    if (select.value !== '') void open(select.value);
  });
  newEmail.form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void open(newEmail.value.trim(), newName.value.trim()).then(() => {
      newEmail.value = '';
      newName.value = '';
      newPerson.open = false;
    });
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const message = text.value.trim();
    if (person === undefined || message === '') return;
    awaitingReply = true;
    sendMessage(person.token, config.botEmail, message).then(
      () => {
        text.value = '';
        poller?.now();
      },
      (error) => showProblem(`Not sent: ${error instanceof Error ? error.message : String(error)}`),
    );
  });

  void refreshPeople();
  return {
    root,
    open,
    /** @returns {string | undefined} */
    email: () => person?.email,
  };
}
