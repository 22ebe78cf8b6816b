// @ts-check
import { isRecord, stringOf } from './dom.js';

/** An HTTP answer that is not 2xx, with the API's own `message`/`error` when it gave one. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** @param {unknown} body */
function errorText(body) {
  if (!isRecord(body)) return undefined;
  const text = stringOf(body.message) ?? stringOf(body.error);
  const issues = Array.isArray(body.issues)
    ? body.issues.map((issue) => (isRecord(issue) ? `${issue.path}: ${issue.message}` : '')).join('; ')
    : '';
  return text === undefined ? undefined : issues === '' ? text : `${text} (${issues})`;
}

/**
 * @param {string} url
 * @param {{ method?: string, token?: string, body?: unknown }} [options]
 * @returns {Promise<unknown>}
 */
export async function requestJson(url, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  /** @type {unknown} */
  let body = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok)
    throw new HttpError(response.status, errorText(body) ?? `${response.status} ${response.statusText}`);
  return body;
}

/**
 * @typedef {{ email: string, displayName: string, role: string }} SuggestedPerson
 * @typedef {{ botEmail: string, botName: string, ordersApiToken: string, people: SuggestedPerson[] }} LocalConfig
 * @typedef {{ id: string, email: string, displayName: string, token: string }} EmulatorPerson
 * @typedef {{ contentType: string, content: unknown }} Attachment
 * @typedef {{ id: string, personEmail: string, text: string, markdown: string | undefined,
 *   created: string, updated: string | undefined, attachments: Attachment[] }} WebexMessage
 */

/** @param {unknown} value @returns {SuggestedPerson | undefined} */
function toSuggestedPerson(value) {
  if (!isRecord(value)) return undefined;
  const email = stringOf(value.email);
  if (email === undefined) return undefined;
  return { email, displayName: stringOf(value.displayName) ?? email, role: stringOf(value.role) ?? 'person' };
}

/**
 * The page's settings; they exist only when the emulator runs inside the bot (local mode).
 * @returns {Promise<LocalConfig>}
 */
export async function loadConfig() {
  const body = await requestJson('/local/config.json');
  if (!isRecord(body)) throw new Error('/local/config.json is not an object');
  const botEmail = stringOf(body.botEmail);
  const ordersApiToken = stringOf(body.ordersApiToken);
  if (botEmail === undefined || ordersApiToken === undefined)
    throw new Error('/local/config.json lacks botEmail or ordersApiToken');
  const people = Array.isArray(body.people) ? body.people.map(toSuggestedPerson) : [];
  // The bot's name as Webex shows it, from the emulator's identity of the bot.
  const bot = await requestJson('/emulator/_admin/bot').catch(() => undefined);
  const botName = (isRecord(bot) ? stringOf(bot.displayName) : undefined) ?? botEmail;
  return { botEmail, botName, ordersApiToken, people: people.filter((p) => p !== undefined) };
}

/**
 * Creates the person in the emulator, or returns the one with that email, with their token.
 * @param {string} email
 * @param {string | undefined} displayName
 * @returns {Promise<EmulatorPerson>}
 */
export async function ensurePerson(email, displayName) {
  const body = await requestJson('/emulator/_admin/people', {
    method: 'POST',
    body: displayName === undefined || displayName === '' ? { email } : { email, displayName },
  });
  if (!isRecord(body)) throw new Error('the emulator answered no person');
  const id = stringOf(body.id);
  const token = stringOf(body.token);
  const shownEmail = stringOf(body.email);
  if (id === undefined || token === undefined || shownEmail === undefined)
    throw new Error('the emulator answered a person without id, email or token');
  return { id, email: shownEmail, displayName: stringOf(body.displayName) ?? shownEmail, token };
}

/** @returns {Promise<Array<{ email: string, displayName: string }>>} the emulator's people (not bots) */
export async function listPeople() {
  const body = await requestJson('/emulator/_admin/people');
  const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
  /** @type {Array<{ email: string, displayName: string }>} */
  const people = [];
  for (const item of items) {
    if (!isRecord(item) || item.type === 'bot') continue;
    const email = stringOf(item.email);
    if (email !== undefined) people.push({ email, displayName: stringOf(item.displayName) ?? email });
  }
  return people;
}

/** @param {unknown} value @returns {WebexMessage | undefined} */
function toMessage(value) {
  if (!isRecord(value)) return undefined;
  const id = stringOf(value.id);
  const created = stringOf(value.created);
  if (id === undefined || created === undefined) return undefined;
  const attachments = Array.isArray(value.attachments)
    ? value.attachments
        .filter(isRecord)
        .map((a) => ({ contentType: stringOf(a.contentType) ?? '', content: a.content }))
    : [];
  return {
    id,
    personEmail: stringOf(value.personEmail) ?? '',
    text: stringOf(value.text) ?? '',
    markdown: stringOf(value.markdown),
    created,
    updated: stringOf(value.updated),
    attachments,
  };
}

/**
 * The 1:1 space of the token's person with `otherEmail`, oldest first (the API lists newest first).
 * @param {string} token
 * @param {string} otherEmail
 * @returns {Promise<WebexMessage[]>}
 */
export async function directMessages(token, otherEmail) {
  const query = new URLSearchParams({ personEmail: otherEmail, max: '100' });
  const body = await requestJson(`/emulator/v1/messages/direct?${query}`, { token });
  const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
  return items
    .map(toMessage)
    .filter((m) => m !== undefined)
    .reverse();
}

/**
 * @param {string} token
 * @param {string} toPersonEmail
 * @param {string} text
 */
export async function sendMessage(token, toPersonEmail, text) {
  await requestJson('/emulator/v1/messages', { method: 'POST', token, body: { toPersonEmail, text } });
}

/**
 * A card submit, as a Webex client sends it.
 * @param {string} token
 * @param {string} messageId
 * @param {Record<string, unknown>} inputs
 */
export async function submitCard(token, messageId, inputs) {
  await requestJson('/emulator/v1/attachment/actions', {
    method: 'POST',
    token,
    body: { type: 'submit', messageId, inputs },
  });
}
