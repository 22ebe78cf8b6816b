import type { Logger } from '../log/logger.js';
import type { OrderView } from '../orders/order-view.js';

/** Who the administrators are: the configured emails, and the members of the administrators' space. */
export interface AdminDirectory {
  /** True for an administrator. `roomId` is the space the question came from, if any. */
  isAdmin(email: string, roomId?: string): Promise<boolean>;
}

export interface AdminDirectoryOptions {
  adminEmails: readonly string[];
  adminRoomId: string | undefined;
  /** Emails of a space's members (the gateway's `listRoomMemberEmails`). */
  listRoomMemberEmails: (roomId: string) => Promise<string[]>;
  now: () => Date;
  logger: Logger;
  /** How long a member list is trusted (default 60 s): joins and leaves show up within that. */
  cacheMs?: number;
}

/**
 * Administrators by configuration plus the members of `ADMIN_ROOM_ID`. The member list is cached
 * briefly (one Webex call per minute at most, shared by concurrent questions); when Webex cannot
 * be reached, the last list read stays in use, and before any, only the configured emails count.
 */
export function createAdminDirectory(options: AdminDirectoryOptions): AdminDirectory {
  const configured = new Set(options.adminEmails.map((email) => email.toLowerCase()));
  const cacheMs = options.cacheMs ?? 60_000;
  let members: { emails: Set<string>; readAt: number } | undefined;
  let reading: Promise<Set<string>> | undefined;

  async function read(roomId: string): Promise<Set<string>> {
    try {
      const emails = await options.listRoomMemberEmails(roomId);
      members = {
        emails: new Set(emails.map((email) => email.toLowerCase())),
        readAt: options.now().getTime(),
      };
      return members.emails;
    } catch (error) {
      options.logger.warn({ error }, 'administrators space members could not be read; using the last list');
      return members?.emails ?? new Set();
    }
  }

  async function roomMembers(roomId: string): Promise<Set<string>> {
    if (members !== undefined && options.now().getTime() - members.readAt < cacheMs) return members.emails;
    reading ??= read(roomId).finally(() => {
      reading = undefined;
    });
    return reading;
  }

  return {
    async isAdmin(email, roomId) {
      const person = email.toLowerCase();
      if (configured.has(person)) return true;
      const adminRoom = options.adminRoomId;
      if (adminRoom === undefined) return false;
      // Webex delivers a space's messages only from its members: asking there proves membership.
      if (roomId === adminRoom) return true;
      return (await roomMembers(adminRoom)).has(person);
    },
  };
}

/**
 * Whether a person who is not an administrator may see an order: its provisioning contact, or
 * whoever holds its setup now (`setupOwner` from the stored setup, fresher than the order's copy).
 */
export function mayPartnerSee(order: OrderView, setupOwner: string | undefined, email: string): boolean {
  const person = email.toLowerCase();
  return (
    order.provisioningContactEmail.toLowerCase() === person ||
    order.setup?.ownerEmail.toLowerCase() === person ||
    setupOwner?.toLowerCase() === person
  );
}
