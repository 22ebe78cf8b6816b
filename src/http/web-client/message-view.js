// @ts-check
import { cardOf, renderCard } from './card-host.js';
import { h } from './dom.js';
import { markdownToHtml } from './markdown.js';

/**
 * The initials of a name, for an avatar as the Webex app draws one without a picture.
 * @param {string} name
 */
function initials(name) {
  const words = name.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  return (
    words
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

/**
 * One message of the space: a card (focusable, so that a new one can take the focus) or text.
 * The bot's messages carry its name and an avatar, as in the Webex app.
 * @param {import('./api.js').WebexMessage} message
 * @param {{ email: string, name: string }} bot
 * @param {(inputs: Record<string, unknown>, card: HTMLElement) => void} onSubmit
 * @returns {HTMLElement}
 */
export function renderMessage(message, bot, onSubmit) {
  const fromBot = message.personEmail === bot.email;
  const card = cardOf(message.attachments);
  const item = h('li', {
    class: `message ${fromBot ? 'from-bot' : 'from-me'}`,
    'data-message-id': message.id,
  });
  if (fromBot)
    item.append(
      h(
        'div',
        { class: 'sender' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(bot.name)),
        h('span', { class: 'sender-name' }, bot.name),
      ),
    );
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
