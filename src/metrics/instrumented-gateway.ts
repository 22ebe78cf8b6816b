import { WebexCallError, type WebexGateway } from '../webex/gateway.js';
import type { Metrics } from './metrics.port.js';

/** The status label of a call that failed: Webex's HTTP status, or what stood in for one. */
function statusOf(error: unknown): string {
  if (error instanceof WebexCallError) return error.status === undefined ? 'no_answer' : String(error.status);
  return 'error';
}

/**
 * The gateway, counting each call by endpoint and the status it ended with (`2xx`, or the status
 * of the last answer once the retries gave up, 429 included; `no_answer` for a lost connection or
 * a timeout). A decorator: the gateway itself knows nothing of metrics.
 */
export function instrumentGateway(gateway: WebexGateway, metrics: Metrics): WebexGateway {
  async function timed<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await call();
      metrics.webexCall(endpoint, '2xx', seconds());
      return result;
    } catch (error) {
      metrics.webexCall(endpoint, statusOf(error), seconds());
      throw error;
    }
  }
  return {
    // Read when asked: the identity is known only once the runtime has started.
    get botEmail() {
      return gateway.botEmail;
    },
    sendMessage: (target, message) => timed('POST /messages', () => gateway.sendMessage(target, message)),
    listDirectMessages: (personEmail, max) =>
      timed('GET /messages', () => gateway.listDirectMessages(personEmail, max)),
    listRoomMemberEmails: (roomId) => timed('GET /memberships', () => gateway.listRoomMemberEmails(roomId)),
  };
}
