// @ts-check
import { cardOf, renderCard } from './card-host.js';
import { h } from './dom.js';
import { markdownToHtml } from './markdown.js';

/**
 * One message of the space: a card (focusable, so that a new one can take the focus) or text.
 * @param {import('./api.js').WebexMessage} message
 * @param {string} botEmail
 * @param {(inputs: Record<string, unknown>, card: HTMLElement) => void} onSubmit
 * @returns {HTMLElement}
 */
export function renderMessage(message, botEmail, onSubmit) {
  const fromBot = message.personEmail === botEmail;
  const card = cardOf(message.attachments);
  const item = h('li', {
    class: `message ${fromBot ? 'from-bot' : 'from-me'}`,
    'data-message-id': message.id,
  });
  if (card !== undefined) {
    const body = h('div', { class: 'card', tabindex: -1, 'aria-label': 'Card from the bot' });
    try {
      body.append(renderCard(card, (inputs) => onSubmit(inputs, body)));
    } catch (error) {
      body.append(
        h('p', { class: 'problem' }, `This card could not be shown: ${String(error)}`),
        message.text,
      );
    }
    item.classList.add('has-card');
    item.append(body);
  } else {
    const bubble = h('div', { class: 'bubble' });
    bubble.innerHTML = markdownToHtml(message.markdown ?? message.text);
    item.append(bubble);
  }
  item.append(h('time', { datetime: message.created }, new Date(message.created).toLocaleTimeString()));
  return item;
}
