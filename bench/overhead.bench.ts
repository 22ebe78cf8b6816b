import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { startBareFrameworkBot } from './bare-framework-bot.js';
import { startBenchApp } from './support/bench-app.js';
import { type ObservedEmulator, startObservedEmulator, webexCall } from './support/observed-emulator.js';
import { createWalker, percentile, type Walker } from './support/setup-walker.js';

/**
 * Overhead over the bare framework. Two emulators in this process, one per bot; the app (the real
 * composition, against its emulator as against Webex) and a bare framework bot that answers each
 * submission with one of the app's own cards (the same bytes, step by step). A person posts a
 * submission to `/attachment/actions`; the click's latency ends when the emulator stores the bot's
 * next card in the person's space (observed through the emulator's persistence port: no polling).
 * Rounds interleave, app then bare, so that the machine's noise falls on both alike.
 */

const roomSchema = z.object({ roomId: z.string() });

export interface OverheadOptions {
  rounds?: number;
  clicksPerRound?: number;
  /**
   * Where the app's embedded database keeps its files (a dbPath, fsync on every write, as
   * `npm start` runs it); in memory when absent.
   */
  dataDir?: string;
}

async function appWalkers(
  emulator: ObservedEmulator,
  app: Awaited<ReturnType<typeof startBenchApp>>,
  count: number,
  tag: string,
) {
  const walkers: Walker[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const orderId = `BENCH-${tag}-${i}`;
      const email = `bench.${tag.toLowerCase()}.${i}@partner.example`;
      const person = await emulator.emulator.createPerson(email, `Bench ${i}`);
      await app.placeOrder(orderId, email);
      const invitation = await emulator.messageAbout(orderId, 120_000);
      const roomId = invitation.record.roomId;
      const index = emulator.botMessages(roomId).indexOf(invitation);
      walkers.push(createWalker(emulator, person.token, roomId, { index, message: invitation }));
    }),
  );
  return walkers;
}

export async function runOverheadBench(options: OverheadOptions = {}): Promise<Record<string, number>> {
  const rounds = options.rounds ?? 3;
  const clicks = options.clicksPerRound ?? 36;
  const appEmulator = await startObservedEmulator();
  const bareEmulator = await startObservedEmulator();
  const app = await startBenchApp(
    appEmulator,
    options.dataDir === undefined ? {} : { env: { DATA_DIR: options.dataDir } },
  );
  const cards: Record<string, unknown>[] = [];
  const bare = await startBareFrameworkBot({
    token: bareEmulator.emulator.bot.token,
    apiUrl: bareEmulator.apiUrl,
    cardFor: (_room, n) => cards[n % cards.length] ?? { type: 'AdaptiveCard', version: '1.3', body: [] },
  });
  try {
    // Warm-up: one whole setup through the app, which also yields its cards for the bare bot.
    const [warm] = await appWalkers(appEmulator, app, 1, 'WARM');
    if (warm === undefined) throw new Error('bench: no warm-up conversation');
    while ((await warm.click()) !== undefined) {}
    for (const message of appEmulator.botMessages(warm.roomId)) {
      const content = message.record.attachments?.[0]?.content;
      if (content !== undefined) cards.push(content);
    }
    cards.shift(); // the invitation: the bare bot's first card answers the person's "hi" instead
    const perConversation = cards.length;
    const walkers = await appWalkers(
      appEmulator,
      app,
      Math.ceil((rounds * clicks) / perConversation) + rounds,
      'OVER',
    );

    const bareClicker = async (i: number) => {
      const person = await bareEmulator.emulator.createPerson(`bare.${i}@partner.example`, `Bare ${i}`);
      // The bench opens the space with the bare bot's first card (posted as the bot), and clicks
      // only once the framework has discovered the space, as a person would seconds later.
      const said = roomSchema.parse(
        await webexCall(bareEmulator.apiUrl, bareEmulator.emulator.bot.token, 'POST', '/messages', {
          toPersonEmail: person.email,
          text: 'card',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cards[0] }],
        }),
      );
      let card = await bareEmulator.nextCard(said.roomId, 0);
      await bare.spawned(said.roomId);
      return async () => {
        const from = bareEmulator.botMessages(said.roomId).length;
        const started = performance.now();
        await webexCall(bareEmulator.apiUrl, person.token, 'POST', '/attachment/actions', {
          type: 'submit',
          messageId: card.message.record.id,
          inputs: { action: 'next' },
        });
        card = await bareEmulator.nextCard(said.roomId, from);
        return card.message.at - started;
      };
    };
    const bareWarm = await bareClicker(0);
    for (let i = 0; i < 8; i += 1) await bareWarm();

    const results: Record<string, number> = {};
    const appAll: number[] = [];
    const bareAll: number[] = [];
    let nextWalker = 0;
    for (let round = 0; round < rounds; round += 1) {
      const appSamples: number[] = [];
      while (appSamples.length < clicks) {
        const walker = walkers[nextWalker];
        if (walker === undefined) throw new Error('bench: out of conversations');
        const latency = await walker.click();
        if (latency === undefined) nextWalker += 1;
        else appSamples.push(latency);
      }
      nextWalker += 1;
      const bareSamples: number[] = [];
      const click = await bareClicker(round + 1);
      while (bareSamples.length < clicks) bareSamples.push(await click());
      appAll.push(...appSamples);
      bareAll.push(...bareSamples);
      results[`round${round + 1}_ratio_p50`] = percentile(appSamples, 0.5) / percentile(bareSamples, 0.5);
    }
    return {
      app_p50_ms: percentile(appAll, 0.5),
      app_p90_ms: percentile(appAll, 0.9),
      app_p99_ms: percentile(appAll, 0.99),
      bare_p50_ms: percentile(bareAll, 0.5),
      bare_p90_ms: percentile(bareAll, 0.9),
      bare_p99_ms: percentile(bareAll, 0.99),
      ratio_p50: percentile(appAll, 0.5) / percentile(bareAll, 0.5),
      ratio_p99: percentile(appAll, 0.99) / percentile(bareAll, 0.99),
      ...results,
      clicks_each: appAll.length,
      card_bytes_mean: Math.round(cards.reduce((sum, c) => sum + JSON.stringify(c).length, 0) / cards.length),
    };
  } finally {
    await bare.stop();
    await app.stop();
    await appEmulator.close();
    await bareEmulator.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runOverheadBench();
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(2)}\n`);
  process.exit(0);
}
