import type { AdminAlerts } from '../orders/ports.js';
import type { Outbox } from '../outbox/outbox.js';

export interface AdminAlertsOptions {
  outbox: Outbox;
  adminEmails: readonly string[];
  /** When set, alerts go to this space; otherwise 1:1 to each administrator. */
  adminRoomId: string | undefined;
}

/** The orders' alerts port: sends alerts through the outbox, to the administrators' space when there is one. */
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
