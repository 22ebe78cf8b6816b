import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The kinds of Webex object whose ids the emulator issues. */
export type IdType =
  | 'PEOPLE'
  | 'ROOM'
  | 'MESSAGE'
  | 'ATTACHMENT_ACTION'
  | 'WEBHOOK'
  | 'MEMBERSHIP'
  | 'ORGANIZATION'
  | 'APPLICATION';

const PREFIX = 'ciscospark://us/';

/**
 * Webex ids are standard base64 of `ciscospark://us/<TYPE>/<uuid>` with the `=` padding dropped
 * (79 characters for a person). The SDK re-encodes bare uuids in that form and matches people by the
 * exact string, so any other shape makes its batched people look-up hang or fail.
 */
export function encodeId(type: IdType, uuid: string): string {
  return Buffer.from(`${PREFIX}${type}/${uuid}`, 'utf8').toString('base64').replace(/=+$/, '');
}

/** A fresh id of the given type. */
export function newId(type: IdType): string {
  return encodeId(type, randomUUID());
}

/** The `<TYPE>` and `<uuid>` inside an id, or undefined when the string is not a Webex id. */
export function decodeId(id: string): { type: string; uuid: string } | undefined {
  if (!/^[A-Za-z0-9+/_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  if (!text.startsWith(PREFIX)) return undefined;
  const rest = text.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  return { type: rest.slice(0, slash), uuid: rest.slice(slash + 1) };
}

/** A uuid-shaped digest of a string, so derived ids (an organization per domain) stay stable. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The organization id Webex would show for an email's domain (the bot's organization). */
export function orgIdForEmail(email: string): string {
  return orgIdFor(email.slice(email.lastIndexOf('@') + 1));
}

/**
 * An organization id: a Webex `ORGANIZATION` id as given, or the stable id standing for an
 * organization of that name (`partner.example` names the organization of `x@partner.example`).
 */
export function orgIdFor(idOrName: string): string {
  if (decodeId(idOrName)?.type === 'ORGANIZATION') return idOrName;
  return encodeId('ORGANIZATION', stableUuid(`org:${idOrName.trim().toLowerCase()}`));
}

/** A membership id names its person and room, as Webex's do (`MEMBERSHIP/<person>:<room>`). */
export function membershipIdFor(personId: string, roomId: string): string {
  const person = decodeId(personId)?.uuid ?? stableUuid(personId);
  const room = decodeId(roomId)?.uuid ?? stableUuid(roomId);
  return encodeId('MEMBERSHIP', `${person}:${room}`);
}

/**
 * An access token in Webex's shape, three `_`-separated parts: a random part, a cluster, and the
 * UUID of the holder's organization. The SDK reads the organization from the third part when it
 * starts and asks U2C service discovery for its catalogs, which the emulator answers
 * (`discovery.ts`); a token of another shape made the SDK log "failed to init initial services"
 * at every start.
 */
export function newToken(orgId?: string): string {
  const random = randomBytes(48)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 64);
  const org = (orgId === undefined ? undefined : decodeId(orgId)?.uuid) ?? randomUUID();
  return `${random}_PF84_${org}`;
}

/** Webex-style tracking id for responses that did not bring their own. */
export function newTrackingId(): string {
  return `EMULATOR_${randomUUID().toUpperCase()}`;
}
