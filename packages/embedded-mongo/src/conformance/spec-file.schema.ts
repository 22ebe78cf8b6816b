/**
 * The parts of a unified-format test file the runner reads, validated with zod after Extended JSON
 * parsing. Unknown fields pass through so a newer file still loads; the runner reports what it skips.
 */
import { z } from 'zod';

const document = z.record(z.string(), z.unknown());

export const runOnRequirementSchema = z
  .object({
    minServerVersion: z.string().optional(),
    maxServerVersion: z.string().optional(),
    topologies: z.array(z.string()).optional(),
    serverless: z.string().optional(),
    auth: z.boolean().optional(),
    serverParameters: document.optional(),
    csfle: z.unknown().optional(),
    authMechanism: z.string().optional(),
  })
  .loose();

export const collectionDataSchema = z
  .object({
    collectionName: z.string(),
    databaseName: z.string(),
    createOptions: document.optional(),
    documents: z.array(document),
  })
  .loose();

export const operationSchema = z
  .object({
    name: z.string(),
    object: z.string(),
    arguments: document.optional(),
    expectError: document.optional(),
    expectResult: z.unknown().optional(),
    saveResultAsEntity: z.string().optional(),
    ignoreResultAndError: z.boolean().optional(),
  })
  .loose();

export const expectedEventsSchema = z
  .object({
    client: z.string(),
    eventType: z.string().optional(),
    events: z.array(document),
    ignoreExtraEvents: z.boolean().optional(),
  })
  .loose();

export const testSchema = z
  .object({
    description: z.string(),
    runOnRequirements: z.array(runOnRequirementSchema).optional(),
    skipReason: z.string().optional(),
    operations: z.array(operationSchema),
    expectEvents: z.array(expectedEventsSchema).optional(),
    outcome: z.array(collectionDataSchema).optional(),
  })
  .loose();

export const specFileSchema = z
  .object({
    description: z.string(),
    schemaVersion: z.string(),
    runOnRequirements: z.array(runOnRequirementSchema).optional(),
    createEntities: z.array(document).optional(),
    initialData: z.array(collectionDataSchema).optional(),
    tests: z.array(testSchema),
  })
  .loose();

export type SpecFile = z.infer<typeof specFileSchema>;
export type SpecTest = z.infer<typeof testSchema>;
export type SpecOperation = z.infer<typeof operationSchema>;
export type RunOnRequirement = z.infer<typeof runOnRequirementSchema>;
export type CollectionData = z.infer<typeof collectionDataSchema>;
export type ExpectedEvents = z.infer<typeof expectedEventsSchema>;
