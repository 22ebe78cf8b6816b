import type { RequestHandler } from 'express';
import { sendProblem } from './problems.js';

/**
 * Refuses compressed request bodies on `/api` with 415 before any body parser reads them. The API's
 * bodies are a few kilobytes of JSON, so compression buys nothing; left to the parser, a gzip
 * header over bytes that are not gzip fails deep inside zlib, and an unknown encoding depends on the
 * parser's version. One clear answer for all of them is simpler for clients.
 */
export const refuseEncodedBodies: RequestHandler = (req, res, next) => {
  const header = req.get('content-encoding');
  if (header === undefined) return next();
  const encodings = header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (encodings.every((encoding) => encoding === 'identity')) return next();
  return sendProblem(
    res,
    415,
    `Content-Encoding ${JSON.stringify(header.trim())} is not supported: send the body uncompressed, without Content-Encoding (or with Content-Encoding: identity).`,
  );
};
