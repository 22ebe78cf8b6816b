import { z } from 'zod';
import { newId, newToken } from './ids.js';
import type { PersonRecord } from './records.js';
import type { EmulatorState } from './state.js';

export const emailSchema = z.string().trim().toLowerCase().email('must be an email address');

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `jane.doe@example.com` → `Jane Doe`: what a directory would likely show. */
export function displayNameFromEmail(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  const words = local.split(/[._+-]+/).filter((word) => word !== '');
  return words.length === 0 ? email : words.map(capitalize).join(' ');
}

/** A new person (or bot) record with a fresh id and token. */
export function newPersonRecord(
  email: string,
  displayName: string,
  type: 'person' | 'bot',
  created: string,
  orgId: string,
): PersonRecord {
  const [first, ...rest] = displayName.trim().split(/\s+/);
  return {
    id: newId('PEOPLE'),
    email,
    displayName,
    nickName: type === 'bot' ? displayName : (first ?? displayName),
    // Webex fills first and last names for people only; bots have just a display name.
    ...(type === 'person' ? { firstName: first ?? displayName, lastName: rest.join(' ') } : {}),
    orgId,
    type,
    token: newToken(orgId),
    created,
  };
}

/**
 * The person with this email, created on first use (in `orgId`); an existing person is returned
 * as they are. Only the admin API creates people: the Webex API never does, as Webex refuses to
 * message an address that has no account.
 */
export async function ensurePerson(
  state: EmulatorState,
  email: string,
  orgId: string,
  displayName?: string,
): Promise<PersonRecord> {
  const normalized = email.trim().toLowerCase();
  const existing = state.personByEmail(normalized);
  if (existing !== undefined) {
    await state.settled();
    return existing;
  }
  const name = displayName?.trim() || displayNameFromEmail(normalized);
  const person = newPersonRecord(normalized, name, 'person', state.now(), orgId);
  await state.commit({ upsert: { people: [person] }, remove: {} });
  return person;
}
