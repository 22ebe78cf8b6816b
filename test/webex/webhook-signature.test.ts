import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from '../../src/webex/webhook-signature.js';

const secret = 'a-webhook-secret-of-some-length';
// Spacing that JSON.stringify would not reproduce: the check must use these exact bytes.
const raw = Buffer.from('{ "id":"W1",  "data": {"id":"M1"} }');

describe('verifyWebhookSignature', () => {
  it('accepts the hex HMAC-SHA1 of the raw bytes', () => {
    const signature = createHmac('sha1', secret).update(raw).digest('hex');
    expect(signWebhookBody(raw, secret)).toBe(signature);
    expect(verifyWebhookSignature(raw, signature, secret)).toEqual({ ok: true });
    expect(verifyWebhookSignature(raw, signature.toUpperCase(), secret)).toEqual({ ok: true });
  });

  it('refuses a signature of the re-serialised JSON', () => {
    const reserialised = JSON.stringify(JSON.parse(raw.toString()));
    const signature = createHmac('sha1', secret).update(reserialised).digest('hex');
    expect(verifyWebhookSignature(raw, signature, secret)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['not-hex', 'malformed'],
    ['abcd', 'malformed'],
    [createHmac('sha1', 'another-secret').update(raw).digest('hex'), 'mismatch'],
  ])('refuses %j as %s', (header, reason) => {
    expect(verifyWebhookSignature(raw, header, secret)).toEqual({ ok: false, reason });
  });
});
