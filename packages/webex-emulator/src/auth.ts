import type { Request } from 'express';
import type { EmulatorContext } from './context.js';
import { unauthorized } from './errors.js';
import type { PersonRecord } from './records.js';

/** The token of `Authorization: Bearer <token>`, if the header has that shape. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** The person a request acts as; 401 (Webex's wording) when the token is missing or unknown. */
export function authenticate(ctx: EmulatorContext, req: Request): PersonRecord {
  const token = bearerToken(req);
  const person = token === undefined ? undefined : ctx.state.personByToken(token);
  if (person === undefined) throw unauthorized();
  return person;
}
