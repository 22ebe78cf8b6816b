import { randomUUID } from 'node:crypto';

const PREFIX = 'ciscospark://us/ORGANIZATION/';

/**
 * The id Webex's REST API shows for an organization whose Control Hub id is `uuid`: base64 of
 * `ciscospark://us/ORGANIZATION/<uuid>` without `=` padding, the shape every Webex id has.
 */
export function webexOrgId(uuid: string): string {
  return Buffer.from(`${PREFIX}${uuid}`, 'utf8').toString('base64').replace(/=+$/, '');
}

/** A fresh organization id, for organizations created without one. */
export function newOrgId(): string {
  return webexOrgId(randomUUID());
}

/** The Control Hub UUID inside a Webex organization id, or undefined when it is not one. */
export function decodeOrgId(orgId: string): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+$/.test(orgId)) return undefined;
  const text = Buffer.from(orgId.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}
