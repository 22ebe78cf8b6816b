import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskEmails } from '../../src/log/logger.js';

describe('maskEmails', () => {
  it.each([
    ['jane.doe@example.com', 'j***@example.com'],
    ['contact pat@partner.example now', 'contact p***@partner.example now'],
    ['a@b.co and z.z@c.org', 'a***@b.co and z***@c.org'],
    ['no address here', 'no address here'],
  ])('%s → %s', (input, output) => {
    expect(maskEmails(input)).toBe(output);
  });

  it('masks addresses anywhere in a structured log line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('info', {}, sink);
    logger.info(
      { person: 'pat@partner.example', nested: { list: ['ana@x.example'] } },
      'sent to pat@partner.example',
    );
    logger.error({ error: new Error('no such person bob@corp.example') }, 'failed');
    const output = lines.join('');
    expect(output).toContain('p***@partner.example');
    expect(output).not.toContain('pat@partner.example');
    expect(output).not.toContain('ana@x.example');
    expect(output).not.toContain('bob@corp.example');
  });
});
