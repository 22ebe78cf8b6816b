import type { Outbox } from '../outbox/outbox.js';
import type { OutgoingMessage } from '../webex/gateway.js';

/** Something administrators should know about: invitation failures, orders needing a person, expiries, completions. */
export interface AdminAlert {
  /** Idempotency key: the same alert raised twice (two instances, a retry) is sent once. */
  key: string;
  kind: 'invitation_failed' | 'needs_attention' | 'expired' | 'completed' | 'other';
  orderId?: string;
  message: OutgoingMessage;
}

export interface AdminAlerts {
  raise(alert: AdminAlert): Promise<void>;
}

export interface AdminAlertsOptions {
  outbox: Outbox;
  adminEmails: readonly string[];
  /** When set, alerts go to this space; otherwise 1:1 to each administrator. */
  adminRoomId: string | undefined;
}

/** Sends alerts through the outbox, to the administrators' space when there is one. */
export function createAdminAlerts(options: AdminAlertsOptions): AdminAlerts {
  return {
    async raise(alert) {
      const purpose = {
        kind: `alert:${alert.kind}`,
        ...(alert.orderId === undefined ? {} : { orderId: alert.orderId }),
      };
      if (options.adminRoomId !== undefined) {
        await options.outbox.sendMessage(
          `alert:${alert.key}`,
          { roomId: options.adminRoomId },
          alert.message,
          purpose,
        );
        return;
      }
      for (const email of options.adminEmails) {
        await options.outbox.sendMessage(
          `alert:${alert.key}:${email}`,
          { toPersonEmail: email },
          alert.message,
          purpose,
        );
      }
    },
  };
}
