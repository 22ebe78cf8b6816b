import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';

/**
 * Webex's public OpenAPI 3.0 description of the messaging API, read as JSON schemas: `nullable`
 * becomes a `null` type, `$ref`s point into the description's own components, and every object
 * that lists its properties refuses others, so a field name the emulator invents is caught too.
 */

const here = dirname(fileURLToPath(import.meta.url));

/** `WEBEX_OPENAPI_FILE`, or `../shared/webex-openapi/webex-messaging.json` beside the checkout. */
export function openApiFile(): string {
  const fromEnv = process.env.WEBEX_OPENAPI_FILE;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return resolve(here, '../../../../../shared/webex-openapi/webex-messaging.json');
}

const parameterSchema = z.object({ name: z.string(), in: z.string(), required: z.boolean().optional() });
const operationSchema = z.looseObject({
  parameters: z.array(parameterSchema).default([]),
  requestBody: z.unknown().optional(),
  responses: z.record(z.string(), z.looseObject({ content: z.unknown().optional() })),
});
const descriptionSchema = z.looseObject({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});
const jsonContent = z.object({ 'application/json': z.object({ schema: z.unknown() }) });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const jsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonSchema),
    z.record(z.string(), jsonSchema),
  ]),
);

const ID = 'webex-messaging';
const OPEN_OBJECTS = new Set(['inputs']);

/** An OpenAPI 3.0 schema as a JSON schema ajv compiles. */
function toJsonSchema(value: Json, open = false): Json {
  if (Array.isArray(value)) return value.map((item) => toJsonSchema(item));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'example' || key === 'nullable') continue;
    if (key === '$ref' && typeof item === 'string' && item.startsWith('#/')) out[key] = `${ID}${item}`;
    else if (key === 'properties' && item !== null && typeof item === 'object' && !Array.isArray(item)) {
      // A card's `inputs` are whatever the card asked for; the description lists examples.
      out[key] = Object.fromEntries(
        Object.entries(item).map(([name, sub]) => [name, toJsonSchema(sub, OPEN_OBJECTS.has(name))]),
      );
    } else out[key] = toJsonSchema(item);
  }
  if (value.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (!open && out.properties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

export interface Operation {
  /** Query parameters the description marks required. */
  requiredQuery: string[];
  /** Top-level fields of the JSON body the description marks required. */
  requiredBody: string[];
  /** The statuses the description documents with a body schema, and those without a body (204). */
  validate(status: number, body: unknown): { ok: boolean; errors: string };
  documents(status: number): boolean;
}

export interface OpenApi {
  operation(method: string, path: string): Operation;
  /** Validates a value against one of the description's component schemas, e.g. `Webhook`. */
  validateComponent(name: string, value: unknown): { ok: boolean; errors: string };
}

/** Reads and compiles the description. */
export function loadOpenApi(file: string): OpenApi {
  const raw = jsonSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const description = descriptionSchema.parse(raw);
  const converted = toJsonSchema(raw);
  const components = z
    .looseObject({ components: z.looseObject({ schemas: z.record(z.string(), jsonSchema) }) })
    .parse(converted).components;
  // The description's `Attachment` is an ECM file, not a message attachment: an Adaptive Card
  // attachment is checked for its content type and the card's required `type` and `version`.
  components.schemas.Attachment = {
    type: 'object',
    required: ['contentType', 'content'],
    additionalProperties: false,
    properties: {
      contentType: { type: 'string', enum: ['application/vnd.microsoft.card.adaptive'] },
      content: { type: 'object', required: ['type', 'version'] },
    },
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  // Fields Webex sends that the description's schemas leave out, each with where Webex says so.
  const omitted: Record<string, Record<string, Json>> = {
    // "Each message will include content attachments if present" (the operation's own text).
    DirectMessage: {
      attachments: { type: 'array', items: { $ref: `${ID}#/components/schemas/Attachment` } },
    },
    // The html Webex renders from markdown, which its own list and get answers describe.
    Message: { html: { type: 'string' } },
    // As in the webhook envelope (reference/webex-platform.md): the owner's organization and app.
    Webhook: { orgId: { type: 'string' }, createdBy: { type: 'string' }, appId: { type: 'string' } },
  };
  for (const [name, fields] of Object.entries(omitted)) {
    const schema = z
      .looseObject({ properties: z.record(z.string(), jsonSchema) })
      .parse(components.schemas[name]);
    components.schemas[name] = { ...schema, properties: { ...schema.properties, ...fields } };
  }
  ajv.addSchema({ $id: ID, components }, ID);
  const schemaOf = (ref: unknown): Json => {
    const parsed = z.object({ $ref: z.string() }).safeParse(ref);
    if (parsed.success) return { $ref: `${ID}${parsed.data.$ref}` };
    return toJsonSchema(jsonSchema.parse(ref ?? {}));
  };

  const describe = (validator: ValidateFunction) =>
    (validator.errors ?? [])
      .map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`)
      .join('\n');

  return {
    validateComponent(name, value) {
      const validator = ajv.compile({ $ref: `${ID}#/components/schemas/${name}` });
      const ok = validator(value);
      return { ok, errors: describe(validator) };
    },
    operation(method, path) {
      const operation = operationSchema.parse(description.paths[path]?.[method.toLowerCase()]);
      const requiredQuery = operation.parameters
        .filter((p) => p.in === 'query' && p.required === true)
        .map((p) => p.name);
      const body = jsonContent.safeParse(
        z.object({ content: z.unknown() }).safeParse(operation.requestBody).data?.content,
      );
      let requiredBody: string[] = [];
      if (body.success) {
        const schema = z.object({ $ref: z.string() }).safeParse(body.data['application/json'].schema);
        const target = schema.success
          ? description.components.schemas[schema.data.$ref.split('/').pop() ?? '']
          : body.data['application/json'].schema;
        requiredBody = z.object({ required: z.array(z.string()).default([]) }).parse(target ?? {}).required;
      }
      const validators = new Map<number, ValidateFunction>();
      const documented = new Set(Object.keys(operation.responses).map(Number));
      return {
        requiredQuery,
        requiredBody,
        documents: (status) => documented.has(status),
        validate(status, responseBody) {
          const response = operation.responses[String(status)];
          const content = jsonContent.safeParse(response?.content);
          if (!content.success)
            return { ok: responseBody === undefined, errors: 'a body where none is described' };
          let validator = validators.get(status);
          if (validator === undefined) {
            validator = ajv.compile(schemaOf(content.data['application/json'].schema) as object);
            validators.set(status, validator);
          }
          const ok = validator(responseBody);
          return { ok, errors: describe(validator) };
        },
      };
    },
  };
}

export const openApiPresent = (): boolean => existsSync(openApiFile());
