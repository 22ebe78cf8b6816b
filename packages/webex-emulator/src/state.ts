import type { EmulatorChange, EmulatorPersistence, EmulatorSnapshot } from './persistence.js';
import type {
  AttachmentActionRecord,
  MembershipRecord,
  MessageRecord,
  PersonRecord,
  RoomRecord,
  WebhookRecord,
} from './records.js';

/**
 * The emulator's data, in memory, with the indexes the API needs. Changes are applied in memory at
 * once (so two concurrent calls never both create the same direct room) and then written through
 * the persistence port in commit order; the caller awaits the write before answering.
 */
export class EmulatorState {
  readonly people = new Map<string, PersonRecord>();
  readonly rooms = new Map<string, RoomRecord>();
  readonly memberships = new Map<string, MembershipRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly attachmentActions = new Map<string, AttachmentActionRecord>();
  readonly webhooks = new Map<string, WebhookRecord>();

  private readonly peopleByEmail = new Map<string, PersonRecord>();
  private readonly peopleByToken = new Map<string, PersonRecord>();
  private readonly directRooms = new Map<string, string>();
  /** roomId → personId → membership. */
  private readonly roomMembers = new Map<string, Map<string, MembershipRecord>>();
  /** roomId → message ids, oldest first. */
  private readonly roomMessages = new Map<string, string[]>();
  private saving: Promise<void> = Promise.resolve();
  private lastTime = 0;

  constructor(private readonly persistence: EmulatorPersistence) {}

  /** Fills the state from a stored snapshot (no write-back). */
  restore(snapshot: EmulatorSnapshot): void {
    const byCreated = <T extends { created: string }>(items: T[]) =>
      [...items].sort((a, b) => a.created.localeCompare(b.created));
    this.apply({
      upsert: {
        people: snapshot.people,
        rooms: snapshot.rooms,
        memberships: snapshot.memberships,
        messages: byCreated(snapshot.messages),
        attachmentActions: snapshot.attachmentActions,
        webhooks: byCreated(snapshot.webhooks),
      },
      remove: {},
    });
    for (const kind of Object.values(snapshot)) {
      for (const item of kind) this.lastTime = Math.max(this.lastTime, Date.parse(item.created));
    }
  }

  /**
   * The current time as Webex writes it. Strictly increasing, so `created` orders messages and
   * webhooks exactly, also after a restart restores them.
   */
  now(): string {
    this.lastTime = Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  /** Applies a change now and resolves once it is stored. */
  commit(change: EmulatorChange): Promise<void> {
    this.apply(change);
    const write = this.saving.then(() => this.persistence.save(change));
    // The chain must go on after a failed write; the failure reaches the caller through `write`.
    this.saving = write.catch(() => {});
    return write;
  }

  /** Resolves once every change committed so far is stored. */
  settled(): Promise<void> {
    return this.saving;
  }

  personByEmail(email: string): PersonRecord | undefined {
    return this.peopleByEmail.get(email.toLowerCase());
  }

  personByToken(token: string): PersonRecord | undefined {
    return this.peopleByToken.get(token);
  }

  directRoomId(a: string, b: string): string | undefined {
    return this.directRooms.get(directKeyOf(a, b));
  }

  membersOf(roomId: string): MembershipRecord[] {
    return [...(this.roomMembers.get(roomId)?.values() ?? [])];
  }

  membership(roomId: string, personId: string): MembershipRecord | undefined {
    return this.roomMembers.get(roomId)?.get(personId);
  }

  isMember(roomId: string, personId: string): boolean {
    return this.roomMembers.get(roomId)?.has(personId) ?? false;
  }

  /** A room's messages, newest first. */
  messagesOf(roomId: string): MessageRecord[] {
    const ids = this.roomMessages.get(roomId) ?? [];
    const out: MessageRecord[] = [];
    for (let i = ids.length - 1; i >= 0; i -= 1) {
      const message = this.messages.get(ids[i] ?? '');
      if (message !== undefined) out.push(message);
    }
    return out;
  }

  private apply(change: EmulatorChange): void {
    const { upsert, remove } = change;
    for (const person of upsert.people ?? []) this.putPerson(person);
    for (const room of upsert.rooms ?? []) this.putRoom(room);
    for (const membership of upsert.memberships ?? []) this.putMembership(membership);
    for (const message of upsert.messages ?? []) this.putMessage(message);
    for (const action of upsert.attachmentActions ?? []) this.attachmentActions.set(action.id, action);
    for (const webhook of upsert.webhooks ?? []) this.webhooks.set(webhook.id, webhook);
    for (const id of remove.webhooks ?? []) this.webhooks.delete(id);
    for (const id of remove.attachmentActions ?? []) this.attachmentActions.delete(id);
    for (const id of remove.messages ?? []) this.deleteMessage(id);
    for (const id of remove.memberships ?? []) this.deleteMembership(id);
    for (const id of remove.rooms ?? []) this.deleteRoom(id);
    for (const id of remove.people ?? []) this.deletePerson(id);
  }

  private putPerson(person: PersonRecord): void {
    const old = this.people.get(person.id);
    if (old !== undefined) {
      this.peopleByEmail.delete(old.email.toLowerCase());
      this.peopleByToken.delete(old.token);
    }
    this.people.set(person.id, person);
    this.peopleByEmail.set(person.email.toLowerCase(), person);
    this.peopleByToken.set(person.token, person);
  }

  private deletePerson(id: string): void {
    const old = this.people.get(id);
    if (old === undefined) return;
    this.people.delete(id);
    this.peopleByEmail.delete(old.email.toLowerCase());
    this.peopleByToken.delete(old.token);
  }

  private putRoom(room: RoomRecord): void {
    this.rooms.set(room.id, room);
    if (room.directKey !== undefined) this.directRooms.set(room.directKey, room.id);
  }

  private deleteRoom(id: string): void {
    const room = this.rooms.get(id);
    if (room?.directKey !== undefined) this.directRooms.delete(room.directKey);
    this.rooms.delete(id);
    this.roomMembers.delete(id);
    this.roomMessages.delete(id);
  }

  private putMembership(membership: MembershipRecord): void {
    this.memberships.set(membership.id, membership);
    let members = this.roomMembers.get(membership.roomId);
    if (members === undefined) {
      members = new Map();
      this.roomMembers.set(membership.roomId, members);
    }
    members.set(membership.personId, membership);
  }

  private deleteMembership(id: string): void {
    const old = this.memberships.get(id);
    if (old === undefined) return;
    this.memberships.delete(id);
    this.roomMembers.get(old.roomId)?.delete(old.personId);
  }

  private putMessage(message: MessageRecord): void {
    const isNew = !this.messages.has(message.id);
    this.messages.set(message.id, message);
    if (!isNew) return;
    let ids = this.roomMessages.get(message.roomId);
    if (ids === undefined) {
      ids = [];
      this.roomMessages.set(message.roomId, ids);
    }
    ids.push(message.id);
  }

  private deleteMessage(id: string): void {
    const old = this.messages.get(id);
    if (old === undefined) return;
    this.messages.delete(id);
    const ids = this.roomMessages.get(old.roomId);
    const index = ids?.indexOf(id) ?? -1;
    if (ids !== undefined && index >= 0) ids.splice(index, 1);
  }
}

/** The key of a pair's direct room: both person ids, sorted. */
export function directKeyOf(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
