/**
 * Runs the emulator on MongoDB in a child process, so a test can kill it with SIGKILL.
 * Env: MONGODB_URI, EMULATOR_DB. Prints one JSON line `{ apiUrl, baseUrl }` once listening.
 */
import { MongoClient } from 'mongodb';
import { startEmulatorServer } from '../../src/index.js';
import { createEmulatorStateRepository } from '../../src/mongo-state.repository.js';

const uri = process.env.MONGODB_URI ?? '';
const dbName = process.env.EMULATOR_DB ?? '';
const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
const server = await startEmulatorServer({ persistence: createEmulatorStateRepository(client.db(dbName)) });
process.stdout.write(`${JSON.stringify({ apiUrl: server.apiUrl, baseUrl: server.baseUrl })}\n`);
