import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { decodeId, encodeId } from '../ids.js';
import { pageOf, queryMax, queryText } from '../paging.js';
import type { PersonRecord } from '../records.js';
import { renderPerson } from '../views.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Webex's limit on `GET /people?id=a,b,...`. */
const MAX_IDS = 85;

/** Webex also accepts a person's bare uuid where an id is expected. */
function normalizePersonId(id: string): string {
  return UUID.test(id) && decodeId(id) === undefined ? encodeId('PEOPLE', id.toLowerCase()) : id;
}

export function registerPeopleRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.get('/people/me', ({ caller }) => ({ body: renderPerson(caller) }));

  routes.get('/people/:personId', ({ req }) => {
    const person = state.people.get(normalizePersonId(String(req.params.personId)));
    if (person === undefined) throw notFound();
    return { body: renderPerson(person) };
  });

  routes.get('/people', ({ req, caller }) => {
    const ids = queryText(req, 'id');
    const email = queryText(req, 'email');
    const displayName = queryText(req, 'displayName');
    const max = queryMax(req, 100, 1000);
    let found: PersonRecord[];
    const notFoundIds: string[] = [];
    if (ids !== undefined) {
      const wanted = ids.split(',').filter((id) => id !== '');
      if (wanted.length > MAX_IDS) throw badRequest(`id: at most ${MAX_IDS} ids per request`);
      found = [];
      for (const id of wanted) {
        const person = state.people.get(normalizePersonId(id));
        if (person === undefined) notFoundIds.push(id);
        else found.push(person);
      }
    } else if (email !== undefined) {
      // Webex finds people by email only within the caller's organization; others are not listed.
      const person = state.personByEmail(email.trim());
      found = person === undefined || person.orgId !== caller.orgId ? [] : [person];
    } else if (displayName !== undefined) {
      const prefix = displayName.toLowerCase();
      found = [...state.people.values()].filter(
        (person) => person.orgId === caller.orgId && person.displayName.toLowerCase().startsWith(prefix),
      );
    } else {
      throw badRequest('Email, displayName, or id list should be specified.');
    }
    const page = pageOf(req, found, max);
    return {
      body: {
        items: page.body.items.map(renderPerson),
        ...(notFoundIds.length > 0 ? { notFoundIds } : {}),
      },
      headers: page.headers,
    };
  });
}
