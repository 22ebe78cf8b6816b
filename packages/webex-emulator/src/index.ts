/**
 * The Webex REST API emulator: enough of the public Webex API (people, rooms, memberships,
 * messages, attachment actions, webhooks) for the real framework and SDK to run against it over
 * HTTP, plus a local admin API, fault injection and persistence across restarts (in memory, or in
 * MongoDB with `createEmulatorStateRepository`).
 */
export {
  type CreatePersonOptions,
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorPerson,
} from './create-emulator.js';
export type { FailureFault, FaultControls, FaultSettings, LatencyFault, RateLimitFault } from './faults.js';
export { createConsoleLogger, type EmulatorLogger } from './logger.js';
export { createEmulatorStateRepository } from './mongo-state.repository.js';
export {
  createMemoryPersistence,
  type EmulatorChange,
  type EmulatorPersistence,
  type EmulatorSnapshot,
} from './persistence.js';
export * from './records.js';
export { type EmulatorServer, startEmulatorServer } from './server.js';
export type { EmulatorStats } from './stats.js';
export { signBody } from './webhooks/delivery.js';
