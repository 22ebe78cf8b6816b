import { badRequest } from './errors.js';

/** The newest Adaptive Card schema Webex renders. */
export const MAX_CARD_VERSION = '1.3';

/**
 * The most bytes of card JSON a message may carry. Webex publishes no figure for cards; this
 * bound keeps a card in the range of Webex's own message limits, so that a card that grew out of
 * hand fails in tests rather than in front of a person.
 */
export const MAX_CARD_BYTES = 28_000;

function versionParts(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(version.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2])];
}

/** Refuses, with Webex's 400, a card of a schema version above 1.3 or larger than the limit. */
export function checkCard(card: Record<string, unknown>): void {
  const version = typeof card.version === 'string' ? card.version : '';
  const parts = versionParts(version);
  const [maxMajor, maxMinor] = versionParts(MAX_CARD_VERSION) ?? [1, 3];
  if (parts === undefined) {
    throw badRequest(`attachments.0.content.version: "${version}" is not an Adaptive Card version`);
  }
  const [major, minor] = parts;
  if (major > maxMajor || (major === maxMajor && minor > maxMinor)) {
    throw badRequest(
      `attachments.0.content.version: Adaptive Card version ${version} is not supported; at most ${MAX_CARD_VERSION}`,
    );
  }
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > MAX_CARD_BYTES) {
    throw badRequest(`attachments.0.content: the card is ${bytes} bytes; at most ${MAX_CARD_BYTES}`);
  }
}
