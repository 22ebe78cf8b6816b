import { z } from 'zod';
import type { FrameworkObservation } from './framework.adapter.js';
import type { WebexLogger } from './gateway.js';
import type { WebexHttpClient } from './webex-http.client.js';
import type { WebhookBody } from './webhook-body.schema.js';

export interface CardSubmitFetcherOptions {
  http: WebexHttpClient;
  logger: WebexLogger;
  /** People remembered by id at most; the oldest is forgotten first, and any past `personTtlMs`. */
  maxPeople?: number;
  /** How long a person's email is trusted before it is asked again. */
  personTtlMs?: number;
}

const actionAuthorSchema = z.object({ personId: z.string().min(1) });

/**
 * Fetches what a card submit's webhook points at (the attachment action and the person who
 * clicked) straight from the REST API, at once, instead of through the framework.
 *
 * Why not the framework: it looks the person up through the SDK's people batcher, which waits
 * (20 ms here) for more look-ups to batch with, and it spawns and keeps an object for every space
 * it sees. The webhook already carries the person's id, so both requests start together and the
 * person's email comes from a small cache on the next click. Nothing else of the framework's work
 * is needed for a submit: the bot answers through its own gateway.
 *
 * Answers the framework's observation shape, so the mapper and the lanes' replay of a
 * failed fetch (no trigger) stay as they are.
 */
export function createCardSubmitFetcher(options: CardSubmitFetcherOptions) {
  const { http, logger } = options;
  const maxPeople = options.maxPeople ?? 5_000;
  const personTtlMs = options.personTtlMs ?? 300_000;
  const people = new Map<string, { person: unknown; at: number }>();

  async function fetchPerson(personId: string): Promise<unknown> {
    const known = people.get(personId);
    if (known !== undefined && Date.now() - known.at < personTtlMs) return known.person;
    const response = await http.request({ method: 'GET', path: `/people/${encodeURIComponent(personId)}` });
    const at = Date.now();
    people.delete(personId);
    people.set(personId, { person: response.body, at });
    // Oldest first (a refresh moves a person to the end): drop the expired and any past the bound,
    // so that the cache holds only the people who clicked within the last `personTtlMs`.
    for (const [id, entry] of people) {
      if (people.size <= maxPeople && at - entry.at < personTtlMs) break;
      people.delete(id);
    }
    return response.body;
  }

  async function fetchAction(actionId: string): Promise<unknown> {
    const path = `/attachment/actions/${encodeURIComponent(actionId)}`;
    return (await http.request({ method: 'GET', path })).body;
  }

  async function fetchCardSubmit(body: WebhookBody): Promise<FrameworkObservation> {
    const personId = body.data.personId;
    try {
      const action = fetchAction(body.data.id);
      // Without the id in the webhook (never seen from Webex), the action names the person.
      const person =
        personId === undefined
          ? action.then((item) => fetchPerson(actionAuthorSchema.parse(item).personId))
          : fetchPerson(personId);
      const [item, who] = await Promise.all([action, person]);
      return { fetched: undefined, trigger: { item, person: who } };
    } catch (error) {
      // Reported as not delivered: the lanes fetch again, then leaves the event stored.
      logger.warn({ err: error, id: body.data.id }, 'could not fetch a card submit');
      return { fetched: undefined, trigger: undefined };
    }
  }
  /** People remembered now (at most `maxPeople`). */
  fetchCardSubmit.cached = () => people.size;
  return fetchCardSubmit;
}
