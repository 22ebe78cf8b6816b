import { submitActions } from '../../test/support/setup-client.js';
import type { ObservedEmulator, ObservedMessage } from './observed-emulator.js';
import { webexCall } from './observed-emulator.js';

/**
 * One person clicking through the setup as a Webex client does: the inputs merged with the data of
 * the button they press, posted to `/attachment/actions`. Each click is timed from the moment the
 * submission is posted to the moment the emulator stores the bot's next card in the person's space.
 */

const ANSWERS: Record<string, { choice?: string; inputs?: Record<string, string> }> = {
  role: { choice: 'partner' },
  whoSetsUp: { choice: 'me' },
  partnerOrg: { choice: 'correct' },
  customerAdmin: { inputs: { customerAdminEmail: 'it.admin@novikupac.example' } },
  company: { inputs: { companyName: 'Novi Kupac d.o.o.', countryCode: 'HR' } },
  customerOrg: { inputs: { orgChoice: 'new' } },
  review: { choice: 'confirm' },
};

/** The submission a person makes on `card`, or undefined when the setup is over (no step button). */
export function submissionFor(card: ObservedMessage): Record<string, unknown> | undefined {
  const actions = submitActions(card.record.attachments?.[0]?.content);
  const start = actions.find((a) => a.data?.action === 'start');
  if (start?.data !== undefined) return start.data;
  const step = actions[0]?.data?.step;
  if (typeof step !== 'string') return undefined;
  const answer = ANSWERS[step];
  if (answer === undefined) return undefined;
  const button = actions.find(
    (a) => a.data?.action === 'next' && (answer.choice === undefined || a.data?.choice === answer.choice),
  );
  if (button?.data === undefined) return undefined;
  return { ...answer.inputs, ...button.data };
}

export interface Walker {
  roomId: string;
  /** Clicks the current card; resolves with the latency (ms) once the next card is stored, or undefined when done. */
  click(): Promise<number | undefined>;
}

/** A walker in `roomId`, starting from the card `current` (the invitation, or any step card). */
export function createWalker(
  emulator: ObservedEmulator,
  token: string,
  roomId: string,
  current: { index: number; message: ObservedMessage },
  timeoutMs = 120_000,
): Walker {
  let card = current;
  return {
    roomId,
    async click() {
      const inputs = submissionFor(card.message);
      if (inputs === undefined) return undefined;
      const from = emulator.botMessages(roomId).length;
      const started = performance.now();
      await webexCall(emulator.apiUrl, token, 'POST', '/attachment/actions', {
        type: 'submit',
        messageId: card.message.record.id,
        inputs,
      });
      card = await emulator.nextCard(roomId, from, timeoutMs);
      return card.message.at - started;
    },
  };
}

/** Percentile `q` (0..1) of unsorted samples, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
