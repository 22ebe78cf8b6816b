import { createHmac } from 'node:crypto';

export interface SignedPostResult {
  ok: boolean;
  status: number | undefined;
  retryable: boolean;
  error?: string;
}

/**
 * POSTs JSON with `X-Signature: sha256=<hex HMAC of the exact body>` so the receiver can verify
 * the sender and the bytes; a timestamp header lets it refuse replays.
 */
export async function postSignedJson(
  url: string,
  body: unknown,
  secret: string,
  timeoutMs = 10_000,
): Promise<SignedPostResult> {
  const raw = JSON.stringify(body);
  const timestamp = new Date().toISOString();
  const signature = createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex');
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature': `sha256=${signature}`,
        'x-signature-timestamp': timestamp,
      },
      body: raw,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    const retryable = response.status === 429 || response.status >= 500;
    return response.ok
      ? { ok: true, status: response.status, retryable: false }
      : { ok: false, status: response.status, retryable, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: undefined, retryable: true, error: (error as Error).message };
  }
}
