import express, { type Router } from 'express';

/**
 * U2C service discovery, as far as the SDK asks for it: `GET /limited/catalog` (before sign-in,
 * by organization) and `GET /catalog` (after). Both answer an empty host map, so every service
 * stays at the discovery URLs the SDK was given (the emulator itself). Public, as U2C's limited
 * catalog is; nothing in it is secret.
 */
export function createDiscoveryRouter(): Router {
  const router = express.Router();
  const emptyHostmap = { serviceLinks: {}, hostCatalog: {}, format: 'hostmap' };
  router.get(['/limited/catalog', '/catalog'], (_req, res) => {
    res.json(emptyHostmap);
  });
  return router;
}
