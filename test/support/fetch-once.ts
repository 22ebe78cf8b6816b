/**
 * `fetch`, retried once when a kept-alive connection was reset before the request was read. The
 * test, the emulator's webhook deliveries and the bot share one connection pool to the app's
 * server; under load the client can pick an idle socket just as the server's 5 s keep-alive
 * timeout closes it, and the request never reaches the server, so sending it again is safe.
 */
export async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}
