import { z } from 'zod';
import type { TestPerson, WebexMessage } from './test-app.js';

/**
 * Drives the setup as a person in a Webex client would: reads the newest card the bot sent,
 * finds a button, and submits the inputs merged with that button's `data`.
 */

const submitActionSchema = z.looseObject({
  type: z.literal('Action.Submit'),
  title: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type SubmitAction = z.infer<typeof submitActionSchema>;

/** Every Action.Submit of a card, wherever it sits (card actions, ActionSets in the body). */
export function submitActions(card: unknown): SubmitAction[] {
  const found: SubmitAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const action = submitActionSchema.safeParse(node);
    if (action.success) found.push(action.data);
    for (const value of Object.values(node)) walk(value);
  };
  walk(card);
  return found;
}

export function cardOf(message: WebexMessage): Record<string, unknown> | undefined {
  return message.attachments?.[0]?.content;
}

/** Texts of every TextBlock in a card, joined: what a person reads. */
export function cardText(message: WebexMessage): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      if ('type' in node && node.type === 'TextBlock' && 'text' in node && typeof node.text === 'string')
        texts.push(node.text);
      Object.values(node).forEach(walk);
    }
  };
  walk(cardOf(message));
  return texts.join('\n');
}

export type ActionMatch = { action: string; choice?: string; locale?: string };

/** The data of the button matching `match` on a card, or an error listing what the card offers. */
export function findAction(message: WebexMessage, match: ActionMatch): Record<string, unknown> {
  const actions = submitActions(cardOf(message));
  const hit = actions.find(
    (candidate) =>
      candidate.data?.action === match.action &&
      (match.choice === undefined || candidate.data?.choice === match.choice) &&
      (match.locale === undefined || candidate.data?.locale === match.locale),
  );
  if (hit?.data === undefined) {
    const offered = actions.map((a) => JSON.stringify(a.data)).join(', ');
    throw new Error(
      `no button ${JSON.stringify(match)} on card "${message.text?.slice(0, 60)}"; offered: ${offered}`,
    );
  }
  return hit.data;
}

/** The step a step card belongs to (from its buttons' data), if any. */
export function stepOf(message: WebexMessage): string | undefined {
  const data = submitActions(cardOf(message))[0]?.data;
  return typeof data?.step === 'string' ? data.step : undefined;
}

export interface SetupDriver {
  /** Waits for the bot's next message (beyond those seen so far) and returns it. */
  next(timeoutMs?: number): Promise<WebexMessage>;
  /** Waits for the next message that is a card of `step`. */
  nextStep(step: string, timeoutMs?: number): Promise<WebexMessage>;
  /** Clicks a button on `message` with the given input values. */
  click(message: WebexMessage, match: ActionMatch, inputs?: Record<string, string>): Promise<void>;
  seen(): number;
}

export async function driveSetup(person: TestPerson): Promise<SetupDriver> {
  let seen = (await person.messagesFromBot()).length;
  const driver: SetupDriver = {
    seen: () => seen,
    async next(timeoutMs) {
      const messages = await person.waitForMessages(seen + 1, timeoutMs);
      const message = messages[seen];
      seen += 1;
      if (message === undefined) throw new Error('message vanished');
      return message;
    },
    async nextStep(step, timeoutMs) {
      for (;;) {
        const message = await driver.next(timeoutMs);
        if (stepOf(message) === step) return message;
      }
    },
    async click(message, match, inputs = {}) {
      await person.submit(message.id, { ...inputs, ...findAction(message, match) });
    },
  };
  return driver;
}
