import type { MessageRecord, PersonRecord } from './records.js';
import type { EmulatorState } from './state.js';

/**
 * Whether a person may see a message: members see everything in their rooms, except that a bot
 * sees only the group-room messages that @mention it (and its own), as Webex enforces.
 */
export function canSeeMessage(state: EmulatorState, message: MessageRecord, person: PersonRecord): boolean {
  if (!state.isMember(message.roomId, person.id)) return false;
  if (person.type !== 'bot' || message.personId === person.id) return true;
  if (state.rooms.get(message.roomId)?.type === 'direct') return true;
  return message.mentionedPeople?.includes(person.id) ?? false;
}
