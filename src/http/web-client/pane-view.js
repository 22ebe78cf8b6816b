// @ts-check
import { h } from './dom.js';

/**
 * The elements of one person's pane: the person picker, a form for a new person, the messages
 * and the composer. Behaviour is added by `pane.js`.
 * @param {number} index
 */
export function buildPaneView(index) {
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
  return { select, newEmail, newName, newPerson, status, list, text, send, composer, who, root };
}
