/**
 * The frontmatter EventCatalog reads, for the collections the export writes: a short copy, as JSON
 * Schema, of the zod collections in @eventcatalog/core 3.48.4 (eventcatalog/src/content.config.ts;
 * only the fields the export uses, plus everything those fields require). The zod collections
 * themselves cannot be imported outside an Astro build (they import `astro:content` and the
 * catalog's `@config`), so this copy is checked by hand against that file whenever
 * scripts/verify-eventcatalog.ts moves to another EventCatalog release.
 *
 * Stricter than EventCatalog in one way: an unknown key is an error here, where zod would drop it
 * silently (a misspelt `specification` would build and show nothing).
 */
export const EVENTCATALOG_SCHEMA_VERSION = '3.48.4';

const string = { type: 'string' };
// `pointer`: { id, version (default 'latest') }.
const pointer = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: string, version: string },
};
// `channelPointer`: a pointer with optional parameters (string → string).
const channelPointer = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: string, version: string, parameters: { type: 'object', additionalProperties: string } },
};
const deliveryMode = { enum: ['push', 'pull', 'push-pull'] };
const messagePointer = (via: 'to' | 'from') => ({
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: {
    id: string,
    version: string,
    fields: { type: 'array', items: string },
    group: string,
    [via]: {
      type: 'array',
      items: { ...channelPointer, properties: { ...channelPointer.properties, delivery_mode: deliveryMode } },
    },
  },
});

// `baseSchema`: id, name and version (a string) are required; summary, schemaPath, specifications optional.
const base = {
  id: string,
  name: string,
  summary: string,
  version: string,
  schemaPath: string,
  specifications: {
    anyOf: [
      {
        type: 'object',
        additionalProperties: false,
        properties: { openapiPath: string, asyncapiPath: string, graphqlPath: string },
      },
      {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'path'],
          additionalProperties: false,
          properties: {
            type: { enum: ['openapi', 'asyncapi', 'graphql'] },
            path: string,
            name: string,
            headers: { type: 'object', additionalProperties: string },
          },
        },
      },
    ],
  },
};
const collection = (properties: Record<string, unknown>) => ({
  type: 'object',
  required: ['id', 'name', 'version'],
  additionalProperties: false,
  properties: { ...base, ...properties },
});

// `operationSchema` on messages: an HTTP method from this list and a path.
const operation = {
  type: 'object',
  additionalProperties: false,
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] },
    path: string,
    statusCodes: { type: 'array', items: string },
  },
};
// A message's `channels` (EventCatalog 2's form) is left out on purpose: EventCatalog 3 accepts it
// but moves it into the services that send the message, rewriting the files at every build.
const message = collection({ operation });

/** By collection, with the globs (relative to the catalog) EventCatalog 3.48.4 loads it from. */
export const COLLECTIONS: Record<string, { globs: RegExp[]; schema: object }> = {
  domains: {
    globs: [/^domains\/[^/]+\/index\.mdx?$/, /^domains\/[^/]+\/versioned\/[^/]+\/index\.mdx?$/],
    schema: collection({ services: { type: 'array', items: pointer } }),
  },
  services: {
    globs: [/^services\/[^/]+\/index\.mdx?$/, /^services\/[^/]+\/versioned\/[^/]+\/index\.mdx?$/],
    schema: collection({
      sends: { type: 'array', items: messagePointer('to') },
      receives: { type: 'array', items: messagePointer('from') },
    }),
  },
  events: {
    globs: [/^events\/[^/]+\/index\.mdx?$/, /^events\/[^/]+\/versioned\/[^/]+\/index\.mdx?$/],
    schema: message,
  },
  commands: {
    globs: [/^commands\/[^/]+\/index\.mdx?$/, /^commands\/[^/]+\/versioned\/[^/]+\/index\.mdx?$/],
    schema: message,
  },
  channels: {
    globs: [/^channels\/.+\/index\.mdx?$/],
    schema: collection({
      address: string,
      protocols: { type: 'array', items: string },
      deliveryGuarantee: { enum: ['at-most-once', 'at-least-once', 'exactly-once'] },
      parameters: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            enum: { type: 'array', items: string },
            default: string,
            examples: { type: 'array', items: string },
            description: string,
          },
        },
      },
    }),
  },
};
