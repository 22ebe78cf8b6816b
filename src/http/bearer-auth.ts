import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendProblem } from './problems.js';

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so the constant-time compare
 * works on equal lengths and leaks nothing about the token's length. `variable` names where the
 * token is configured, in the advice to a caller who sent none.
 */
export function requireBearerToken(expected: string, variable = 'ORDERS_API_TOKEN'): RequestHandler {
  const expectedDigest = createHash('sha256').update(expected).digest();
  return (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1] === undefined) {
      res.setHeader('www-authenticate', 'Bearer');
      sendProblem(res, 401, `Missing bearer token: send Authorization: Bearer <${variable}>.`);
      return;
    }
    const given = createHash('sha256').update(match[1]).digest();
    if (!timingSafeEqual(given, expectedDigest)) {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      sendProblem(res, 401, 'Invalid bearer token.');
      return;
    }
    next();
  };
}
