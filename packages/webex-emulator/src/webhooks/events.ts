import { encodeId, stableUuid } from '../ids.js';
import type { PersonRecord, WebhookRecord } from '../records.js';

/** Something happened that webhooks may hear about. */
export interface ApiEvent {
  resource: 'messages' | 'memberships' | 'rooms' | 'attachmentActions';
  event: 'created' | 'updated' | 'deleted';
  actorId: string;
  /** The webhook's `data`: ids and metadata only, never message text or card inputs (as Webex). */
  data: Record<string, unknown>;
  /** Whether the owner of a webhook is allowed to see this event at all. */
  visibleTo(owner: PersonRecord): boolean;
}

/** The value a filter key is compared with, for one event. */
function fieldFor(event: ApiEvent, key: string): unknown {
  const { data } = event;
  if (event.resource === 'rooms') {
    if (key === 'roomId') return data.id;
    if (key === 'roomType') return data.type;
  }
  if (key === 'hasFiles') return Array.isArray(data.files) && data.files.length > 0;
  return data[key];
}

/** Parses `key=value&key=value` (values may be URL-encoded); undefined when malformed. */
export function parseFilter(filter: string): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const part of filter.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return undefined;
    try {
      pairs.push([part.slice(0, eq), decodeURIComponent(part.slice(eq + 1))]);
    } catch {
      return undefined;
    }
  }
  return pairs;
}

function matchesFilter(event: ApiEvent, filter: string, owner: PersonRecord): boolean {
  const pairs = parseFilter(filter) ?? [];
  return pairs.every(([key, value]) => {
    const actual = fieldFor(event, key);
    if (key === 'mentionedPeople') {
      const wanted = value.split(',').map((id) => (id === 'me' ? owner.id : id));
      return Array.isArray(actual) && actual.some((id) => wanted.includes(String(id)));
    }
    if (key === 'personEmail') return String(actual ?? '').toLowerCase() === value.toLowerCase();
    return actual !== undefined && String(actual) === value;
  });
}

/**
 * Whether a webhook hears an event. Attachment actions go only to `attachmentActions` webhooks:
 * Webex leaves them out of the `all` firehose (the framework registers a second webhook for them,
 * and would handle each click twice otherwise).
 */
export function webhookHears(webhook: WebhookRecord, owner: PersonRecord, event: ApiEvent): boolean {
  if (webhook.status !== 'active') return false;
  const resourceOk =
    webhook.resource === event.resource ||
    (webhook.resource === 'all' && event.resource !== 'attachmentActions');
  if (!resourceOk) return false;
  if (webhook.event !== 'all' && webhook.event !== event.event) return false;
  if (!event.visibleTo(owner)) return false;
  return webhook.filter === undefined || matchesFilter(event, webhook.filter, owner);
}

/** The application id Webex shows on a webhook (one app per token owner here). */
export function appIdFor(ownerId: string): string {
  return encodeId('APPLICATION', stableUuid(`app:${ownerId}`));
}

/** The body Webex POSTs to a webhook's target. */
export function webhookEnvelope(webhook: WebhookRecord, owner: PersonRecord, event: ApiEvent) {
  return {
    id: webhook.id,
    name: webhook.name,
    targetUrl: webhook.targetUrl,
    resource: event.resource,
    event: event.event,
    ...(webhook.filter === undefined ? {} : { filter: webhook.filter }),
    orgId: owner.orgId,
    createdBy: owner.id,
    appId: appIdFor(owner.id),
    ownedBy: 'creator',
    status: webhook.status,
    created: webhook.created,
    actorId: event.actorId,
    data: event.data,
  };
}
