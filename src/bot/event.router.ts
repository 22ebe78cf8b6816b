import type { Logger } from '../log/logger.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../webex/gateway.js';

/** Reads an event; anything but `undefined` or `false` is a match, and is handed to the handler. */
export type Matcher<E, M> = (event: E) => M | undefined | false;
export type EventHandler<E, M> = (event: E, match: M) => Promise<void>;

/** A matched route, ready to run: its name goes into the log if it fails. */
interface MatchedRoute {
  name: string;
  run(): Promise<void>;
}

type Route = (event: IncomingEvent) => MatchedRoute | undefined;

/**
 * An ordered list of routes, in the manner of a middleware composer: `text` and `submit` add one
 * route each, `use` appends another list. The first route whose matcher accepts an event gets it.
 */
export interface EventRoutes {
  text<M>(name: string, match: Matcher<IncomingText, M>, handle: EventHandler<IncomingText, M>): EventRoutes;
  submit<M>(
    name: string,
    match: Matcher<IncomingCardSubmit, M>,
    handle: EventHandler<IncomingCardSubmit, M>,
  ): EventRoutes;
  use(routes: EventRoutes): EventRoutes;
  /** The first route that accepts the event, or undefined. */
  find(event: IncomingEvent): MatchedRoute | undefined;
}

const isText = (event: IncomingEvent): event is IncomingText => event.kind === 'text';
const isSubmit = (event: IncomingEvent): event is IncomingCardSubmit => event.kind === 'cardSubmit';

function route<E extends IncomingEvent, M>(
  isKind: (event: IncomingEvent) => event is E,
  name: string,
  match: Matcher<E, M>,
  handle: EventHandler<E, M>,
): Route {
  return (event) => {
    if (!isKind(event)) return undefined;
    const matched = match(event);
    if (matched === undefined || matched === false) return undefined;
    return { name, run: () => handle(event, matched) };
  };
}

/** An empty list of routes. */
export function createEventRoutes(): EventRoutes {
  const routes: Route[] = [];
  const composer: EventRoutes = {
    text(name, match, handle) {
      routes.push(route(isText, name, match, handle));
      return composer;
    },
    submit(name, match, handle) {
      routes.push(route(isSubmit, name, match, handle));
      return composer;
    },
    use(other) {
      routes.push((event) => other.find(event));
      return composer;
    },
    find(event) {
      for (const candidate of routes) {
        const matched = candidate(event);
        if (matched !== undefined) return matched;
      }
      return undefined;
    },
  };
  return composer;
}

export interface EventRouterOptions {
  logger: Logger;
  /** The answer to a person whose event failed; must not throw. */
  replyTryAgain: (event: IncomingEvent) => Promise<void>;
  /**
   * Failures that mean "not now" (the database is unreachable): the event is not answered (the
   * answer would need the database too) but rejected, so that it is kept and handled again.
   */
  isUnavailable?: (error: unknown) => boolean;
  /** The routes it starts with, matched in their order. */
  routes?: EventRoutes;
}

export interface EventRouter {
  /** Appends routes; events are matched against them in the order they were added. */
  use(routes: EventRoutes): void;
  /**
   * Hands one event to the first route that accepts it, inside the one error boundary; rejects
   * only with an `isUnavailable` failure.
   */
  handle(event: IncomingEvent): Promise<void>;
}

/**
 * The router incoming events go to. It is created before its routes: the Webex runtime takes it
 * before the handlers exist, since they need the runtime's gateway, and nothing arrives until the
 * runtime starts. Whatever a matcher or handler throws is logged with the event's context, and the
 * person is told to try again: nothing typed or clicked is met with silence.
 */
export function createEventRouter(options: EventRouterOptions): EventRouter {
  const routes = createEventRoutes();
  if (options.routes !== undefined) routes.use(options.routes);
  return {
    use(other) {
      routes.use(other);
    },
    async handle(event) {
      let name = 'matching';
      try {
        const matched = routes.find(event);
        if (matched === undefined) {
          options.logger.warn({ kind: event.kind, messageId: event.messageId }, 'no route for event');
          return;
        }
        name = matched.name;
        await matched.run();
      } catch (error) {
        const context = {
          route: name,
          kind: event.kind,
          person: event.personEmail,
          messageId: event.messageId,
        };
        if (options.isUnavailable?.(error) === true) {
          options.logger.warn({ error, ...context }, 'event handling must wait for the database');
          throw error;
        }
        options.logger.error({ error, ...context }, 'event handling failed');
        await options.replyTryAgain(event).catch(() => {});
      }
    },
  };
}
