/**
 * The small part of `webex-node-bot-framework` 2.3.14 and of the `webex` SDK 2.4.2 that the adapter
 * uses. Neither package ships types. Everything the framework hands back from Webex is `unknown`
 * here on purpose: the adapter's callers zod-parse it.
 */

declare module 'webex-node-bot-framework' {
  import type { EventEmitter } from 'node:events';

  namespace Framework {
    interface Options {
      token: string;
      webhookUrl?: string;
      webhookSecret?: string;
      /** 0 = spawn nothing at start; spaces are discovered when they first send an event. */
      maxStartupSpaces?: number;
      /** true (the default) deletes every webhook of the token, not only ours. */
      removeWebhooksOnStart?: boolean;
    }

    interface WebhookRecord {
      id?: string;
      name?: string;
    }

    /** What the framework emits with 'message' and 'attachmentAction'; `id` is the message or action id. */
    interface Trigger {
      id: string;
      type: 'message' | 'attachmentAction';
      message?: unknown;
      attachmentAction?: unknown;
      person?: unknown;
    }
  }

  class Framework extends EventEmitter {
    constructor(options: Framework.Options);
    active: boolean;
    initialized: boolean;
    /** The last webhook it created, `{}` before that, `false` when creating failed. */
    webhook: Framework.WebhookRecord | false;
    cardsWebhook: Framework.WebhookRecord | false;
    /** A bot object per space it has seen (spawned), searched linearly on every event. */
    bots: { room?: { id?: unknown } }[];
    /** Forgets the space's bot object (its storage too); rejects when it has none. */
    despawn(roomId: string): PromiseLike<boolean>;
    /** Resolves before its webhooks exist (it does not wait for them); failures are only logged. */
    start(): PromiseLike<boolean>;
    /** Deletes the webhooks and forgets every spawned space. */
    stop(): PromiseLike<boolean>;
    on(event: 'messageCreated', listener: (message: { id?: unknown }) => void): this;
    on(
      event: 'message' | 'attachmentAction',
      listener: (bot: unknown, trigger: Framework.Trigger) => void,
    ): this;
  }

  export = Framework;
}

declare module 'webex-node-bot-framework/lib/process-event' {
  import type Framework from 'webex-node-bot-framework';

  /**
   * The framework's handling of one webhook body, minus its (wrong) signature check. It drops,
   * silently, a body whose webhook name (`name`, else `body.name`) is not its own webhook's.
   */
  function processEvent(framework: Framework, body: object, name?: string): PromiseLike<unknown>;

  export = processEvent;
}

declare module 'webex' {
  namespace Webex {
    /** One request as the SDK's plugins describe it; only `method` is read by the adapter. */
    interface RequestOptions {
      method?: string;
      headers?: Record<string, unknown>;
    }

    /** A failed SDK request: `statusCode` 0 for network errors, `retryAfter` as sent (a string). */
    interface RequestError {
      statusCode?: number;
      retryAfter?: unknown;
      headers?: Record<string, unknown>;
    }

    interface Instance {
      request(options: RequestOptions): Promise<unknown>;
    }

    interface InitAttributes {
      config?: Record<string, unknown>;
      credentials?: unknown;
    }
  }

  const Webex: {
    init(attributes?: Webex.InitAttributes): Webex.Instance;
  };

  export = Webex;
}
