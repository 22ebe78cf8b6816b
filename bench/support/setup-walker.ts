import { submitActions } from '../../test/support/setup-client.js';
import type { ObservedEmulator, ObservedMessage } from './observed-emulator.js';
import { webexCall } from './observed-emulator.js';

/**
 * One person clicking through the setup as a Webex client does: the inputs merged with the data of
 * the button they press, posted to `/attachment/actions`. Each click is timed from the moment the
 * submission is posted to the moment the emulator stores the bot's next card in the person's space.
 */

/** Ordinary answers; `n` makes each conversation's customer its own (one admin, one company each). */
function answers(step: string, n: string): { choice?: string; inputs?: Record<string, string> } | undefined {
  switch (step) {
    case 'role':
      return { choice: 'partner' };
    case 'whoSetsUp':
      return { choice: 'me' };
    case 'partnerOrg':
      return { choice: 'correct' };
    case 'customerAdmin':
      return { inputs: { customerAdminEmail: `it.admin.${n}@novikupac.example` } };
    case 'company':
      return { inputs: { companyName: `Novi Kupac ${n} d.o.o.`, countryCode: 'HR' } };
    case 'customerOrg':
      return { inputs: { orgChoice: 'new' } };
    case 'review':
      return { choice: 'confirm' };
    default:
      return undefined;
  }
}

/** What the walkers read of a message: its card, if it has one. */
export interface CardHolder {
  record: { attachments?: readonly { content?: unknown }[] | undefined };
}

/** The submission a person makes on `card`, or undefined when the setup is over (no step button). */
export function submissionFor(card: CardHolder, n = '0'): Record<string, unknown> | undefined {
  const actions = submitActions(card.record.attachments?.[0]?.content);
  const start = actions.find((a) => a.data?.action === 'start');
  if (start?.data !== undefined) return start.data;
  const step = actions[0]?.data?.step;
  if (typeof step !== 'string') return undefined;
  const answer = answers(step, n);
  if (answer === undefined) return undefined;
  const button = actions.find(
    (a) => a.data?.action === 'next' && (answer.choice === undefined || a.data?.choice === answer.choice),
  );
  if (button?.data === undefined) return undefined;
  return { ...answer.inputs, ...button.data };
}

/** `step@rev` of a card (from its buttons' data), or `-` for a card without step buttons. */
export function cardStep(card: CardHolder): string {
  const data = submitActions(card.record.attachments?.[0]?.content)[0]?.data;
  return typeof data?.step === 'string' ? `${data.step}@${String(data.rev)}` : '-';
}

export interface Walker {
  roomId: string;
  /** The steps of the cards seen, in order (the trace of this conversation). */
  readonly steps: string[];
  /** Clicks answered with a card of the step clicked (the same step sent again), not the next one. */
  readonly repeats: number;
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
  const steps = [cardStep(current.message)];
  let repeats = 0;
  return {
    roomId,
    steps,
    get repeats() {
      return repeats;
    },
    async click() {
      const inputs = submissionFor(card.message, roomId.slice(-12));
      if (inputs === undefined) return undefined;
      const from = emulator.botMessages(roomId).length;
      const started = performance.now();
      await webexCall(emulator.apiUrl, token, 'POST', '/attachment/actions', {
        type: 'submit',
        messageId: card.message.record.id,
        inputs,
      });
      const clicked = cardStep(card.message);
      card = await emulator.nextCard(roomId, from, timeoutMs);
      const step = cardStep(card.message);
      steps.push(step);
      if (step === clicked) repeats += 1;
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
