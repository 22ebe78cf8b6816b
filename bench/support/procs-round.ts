import { z } from 'zod';
import { BENCH_ORDERS_TOKEN, cpuMsOf, ownCpuMs, type Part } from './process-kit.js';
import { type RemoteWalker, startRemoteWalker } from './remote-walker.js';
import type { RoomTap } from './room-tap.js';
import { percentile } from './setup-walker.js';

/**
 * One round of the process benchmark: people get their invitations (orders placed through the
 * bot's orders API, sent by its scheduler), then click through their setups, each after a think
 * time drawn for every card (or none: the burst), while the CPU time of every process is read
 * before and after the clicking.
 */

export interface RoundParts {
  adminUrl: string;
  apiUrl: string;
  tap: RoomTap;
  /** Every process whose CPU time is reported, by name. */
  parts: Part[];
  /** Where orders are placed (any bot: they share the database). */
  botUrl: string;
}

export interface RoundOptions {
  tag: string;
  conversations: number;
  /** Think time before each click, drawn uniformly in [min, max] ms; [0, 0] for the burst. */
  thinkMs: readonly [number, number];
  /** Clicking time allowed, after the invitations are out. */
  limitSeconds: number;
  log: (line: string) => void;
}

const personSchema = z.looseObject({ email: z.string(), token: z.string() });

/** POSTs as a client of the bot would: a 503 (the bot briefly unavailable) is tried again. */
async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    if (response.ok) return response.json();
    const text = await response.text();
    if (response.status !== 503 || attempt >= 20)
      throw new Error(`bench: POST ${url} → ${response.status} ${text}`);
    await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
  }
}

/** Creates person `i` of the round (`tag`) and places their order through the bot's orders API. */
export async function placeOrderFor(
  parts: RoundParts,
  tag: string,
  i: number,
): Promise<{ email: string; token: string }> {
  const email = `procs.${tag.toLowerCase()}.${i}@partner.example`;
  const person = personSchema.parse(
    await post(`${parts.adminUrl}/people`, { email, displayName: `Procs ${i}` }),
  );
  await post(
    `${parts.botUrl}/api/orders`,
    {
      orderId: `BENCH-${tag}-${i}`,
      requestedStartDate: new Date().toISOString().slice(0, 10),
      provisioningContactEmail: email,
      customerName: 'Novi Kupac',
      partnerName: 'Northwind',
    },
    BENCH_ORDERS_TOKEN,
  );
  return person;
}

/**
 * Creates the people and places their orders (50 at a time), then waits for every invitation
 * card at once, as the bot's scheduler and outbox send them.
 */
export async function openConversations(parts: RoundParts, options: RoundOptions): Promise<RemoteWalker[]> {
  const people: { email: string; token: string }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < options.conversations) people.push(await placeOrderFor(parts, options.tag, next++));
  };
  await Promise.all(Array.from({ length: Math.min(options.conversations, 50) }, lane));
  return Promise.all(people.map((person) => startRemoteWalker(parts.apiUrl, parts.tap, person, 600_000)));
}

const think = ([min, max]: readonly [number, number]) =>
  max <= 0
    ? Promise.resolve()
    : new Promise((resolve) => setTimeout(resolve, min + Math.random() * (max - min)));

/** Everyone clicks through; the figures of the round, with CPU per transition of each process. */
export async function clickRound(
  parts: RoundParts,
  walkers: RemoteWalker[],
  options: RoundOptions,
): Promise<Record<string, number>> {
  const client: number[] = [];
  const server: number[] = [];
  let finished = 0;
  let failed = 0;
  const cpuBefore = parts.parts.map((part) => cpuMsOf(part.child.pid));
  const benchBefore = ownCpuMs();
  const started = performance.now();
  const deadline = started + options.limitSeconds * 1000;
  await Promise.all(
    walkers.map(async (walker) => {
      try {
        while (performance.now() < deadline) {
          await think(options.thinkMs);
          const outcome = await walker.click();
          if (outcome === undefined) {
            if (walker.done) finished += 1;
            else
              throw new Error(
                `stopped at a card that is neither a step nor the end: ${walker.steps.join(' → ')}`,
              );
            return;
          }
          client.push(outcome.client);
          if (outcome.server !== undefined) server.push(outcome.server);
        }
      } catch (error) {
        failed += 1;
        if (failed <= 3) options.log(`${walker.email}: ${String(error)}`);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const transitions = Math.max(1, client.length);
  const results: Record<string, number> = {
    conversations: walkers.length,
    setups_completed: finished,
    walkers_failed: failed,
    seconds: elapsed,
    transitions: client.length,
    transitions_per_s: client.length / elapsed,
    repeated_cards: walkers.reduce((sum, walker) => sum + walker.repeats, 0),
    // "One moment" and "send that again" notices instead of a step's card (the bot was slow to store a click).
    notices: walkers.reduce((sum, walker) => sum + walker.notices, 0),
    webhook_forward_failures: parts.tap.failures(),
    webhooks_lost: parts.tap.lost(),
    client_p50_ms: percentile(client, 0.5),
    client_p99_ms: percentile(client, 0.99),
    server_p50_ms: percentile(server, 0.5),
    server_p99_ms: percentile(server, 0.99),
  };
  parts.parts.forEach((part, index) => {
    const spent = cpuMsOf(part.child.pid) - (cpuBefore[index] ?? Number.NaN);
    results[`cpu_ms_per_transition_${part.name}`] = spent / transitions;
    results[`cpu_share_of_one_core_${part.name}`] = spent / 1000 / elapsed;
  });
  const benchSpent = ownCpuMs() - benchBefore;
  results.cpu_ms_per_transition_clients = benchSpent / transitions;
  results.cpu_share_of_one_core_clients = benchSpent / 1000 / elapsed;
  const sample = walkers.find((walker) => walker.repeats > 0);
  if (sample !== undefined) options.log(`a conversation with repeated cards: ${sample.steps.join(' → ')}`);
  return results;
}
