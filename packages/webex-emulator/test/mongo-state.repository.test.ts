import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmulatorStateRepository } from '../src/mongo-state.repository.js';
import { startHarness } from './support/harness.js';
import { startTestMongo, type TestMongo } from './support/mongo-server.js';
import { describePersistenceContract } from './support/persistence-contract.js';
import { listOf, messageShape } from './support/shapes.js';

let storage: TestMongo;

beforeAll(async () => {
  storage = await startTestMongo(`test_emulator_state_${randomUUID().slice(0, 8)}`);
});
afterAll(async () => {
  await storage.db.dropDatabase();
  await storage.close();
});

describe('emulator state in MongoDB', () => {
  describePersistenceContract(async () => createEmulatorStateRepository(storage.db));

  it('reports nothing stored for an empty database', async () => {
    const empty = createEmulatorStateRepository(
      storage.database(`test_emulator_empty_${randomUUID().slice(0, 8)}`),
    );
    expect(await empty.load()).toBeUndefined();
  });

  it('keeps every answered call when the process is killed with SIGKILL', async () => {
    const dbName = `test_emulator_kill_${randomUUID().slice(0, 8)}`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./support/mongo-emulator.child.ts', import.meta.url))],
      {
        env: { ...process.env, MONGODB_URI: storage.uri, EMULATOR_DB: dbName },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const [line] = await once(createInterface({ input: child.stdout }), 'line');
      const urls = z.object({ apiUrl: z.string(), baseUrl: z.string() }).parse(JSON.parse(String(line)));
      const signIn = await fetch(`${urls.baseUrl}/_admin/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'kim@example.com' }),
      });
      const kim = z.object({ token: z.string() }).parse(await signIn.json());
      const bot = z
        .object({ email: z.string() })
        .parse(await (await fetch(`${urls.baseUrl}/_admin/bot`)).json());
      for (let i = 0; i < 20; i += 1) {
        const sent = await fetch(`${urls.apiUrl}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${kim.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ toPersonEmail: bot.email, text: `message ${i}` }),
        });
        expect(sent.status).toBe(200);
      }
      child.kill('SIGKILL');
      await once(child, 'exit');

      const restarted = await startHarness({
        persistence: createEmulatorStateRepository(storage.database(dbName)),
      });
      try {
        const inbox = await restarted.api(
          kim.token,
          'GET',
          `/messages/direct?personEmail=${bot.email}&max=100`,
        );
        expect(listOf(messageShape).parse(inbox.json).items).toHaveLength(20);
      } finally {
        await restarted.close();
        await storage.database(dbName).dropDatabase();
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
});
