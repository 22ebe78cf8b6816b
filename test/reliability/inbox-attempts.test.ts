import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log/logger.js';
import { createInboxRepository } from '../../src/storage/inbox.repository.js';
import { createInbox } from '../../src/webex/webhook-inbox.js';
import { startTestInstance } from '../support/test-instance.js';
import { useTestDatabase } from '../support/use-test-app.js';

/** A logger that keeps what was logged at error level, to read the event id back. */
function recordingLogger(errors: { obj: object; msg: string | undefined }[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (obj, msg) => {
      errors.push({ obj, msg });
    },
    child: () => logger,
  };
  return logger;
}

/**
 * An event that can never be processed (its message was deleted, say) is tried a bounded number
 * of times, then given up: logged with its id, marked failed, and no longer retried.
 */
describe('inbox attempts', () => {
  const database = useTestDatabase({ label: 'inbox_attempts' });

  async function setUp(process: (body: string) => Promise<void>) {
    const repository = createInboxRepository(database.db);
    const errors: { obj: object; msg: string | undefined }[] = [];
    const inbox = createInbox({
      store: repository.store,
      owners: await startTestInstance(database.db),
      attempts: repository.attempts,
      maxAttempts: 3,
      process,
      now: () => new Date(),
      logger: recordingLogger(errors),
    });
    return { repository, inbox, errors };
  }

  async function settled(repository: ReturnType<typeof createInboxRepository>, id: string, tries: number) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const doc = await database.db.collection('inbox').findOne({ _id: id } as never);
      if (doc?.attempts === tries || Date.now() > deadline) return repository.status(id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('gives an event up after the last allowed try, and tries it no more', async () => {
    let tries = 0;
    const { repository, inbox, errors } = await setUp(async () => {
      tries += 1;
      throw new Error('the message was deleted');
    });
    const id = 'messages/created/deleted-1';
    expect(await inbox.receive(id, '{}', new Date())).toBe('stored');
    expect(await settled(repository, id, 1)).toBe('pending');
    expect(await inbox.recover({}, 10)).toBe(0);
    expect(await repository.status(id)).toBe('pending');
    // The third try is the last: the event is done with, as failed.
    expect(await inbox.recover({}, 10)).toBe(1);
    expect(await repository.status(id)).toBe('failed');
    expect(tries).toBe(3);
    const given = errors.find((entry) => entry.msg?.includes('given up'));
    expect(given?.obj).toMatchObject({ id, attempts: 3 });

    expect(await inbox.recover({}, 10)).toBe(0);
    expect(tries).toBe(3);
    const doc = await database.db.collection('inbox').findOne({ _id: id } as never);
    expect(doc?.pendingEffects).toEqual([]);
    expect(doc?.failedAt).toBeInstanceOf(Date);
  });

  it('processes an event that succeeds before the limit, once, and does not mark it failed', async () => {
    let tries = 0;
    const { repository, inbox, errors } = await setUp(async () => {
      tries += 1;
      if (tries < 3) throw new Error('not yet');
    });
    const id = 'attachmentActions/created/late-1';
    expect(await inbox.receive(id, '{}', new Date())).toBe('stored');
    expect(await settled(repository, id, 1)).toBe('pending');
    expect(await inbox.recover({}, 10)).toBe(0);
    expect(await inbox.recover({}, 10)).toBe(1);
    expect(await repository.status(id)).toBe('processed');
    expect(await inbox.recover({}, 10)).toBe(0);
    expect(tries).toBe(3);
    expect(errors.filter((entry) => entry.msg?.includes('given up'))).toEqual([]);
  });
});
