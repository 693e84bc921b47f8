import { versionsOf } from '../board/events.ts';
import { BoardGraph, type Identity } from '../board/graph.ts';
import type { Board, CommandElement } from '../board/types.ts';
import { packageNameOf } from '../lint/rules/contexts.ts';
import { toIdentifier } from '../names/identifiers.ts';
import { buildAsyncApi } from './asyncapi.ts';
import { frontmatter, type YamlValue } from './frontmatter.ts';
import { markdownText } from './markdown.ts';
import { emittersOf, idParameterDescription, logChannelOf } from './log-channels.ts';
import { asciiKey, KeySet } from './names.ts';

/**
 * The board as EventCatalog content: a domain per bounded context, a service per context (what it
 * sends and receives), an event per event with its latest version at the top of its folder and
 * every earlier one under `versioned/<version>/`, each with its `schema.json`; commands likewise.
 * Board versions 1, 2, 3 become EventCatalog's semver 1.0.0, 2.0.0, 3.0.0.
 *
 * Files are returned by path segments, each segment made from identifiers, so nothing a sticky
 * says can name a path outside the catalog.
 */

export interface CatalogFile {
  path: string[];
  text: string;
}

export interface CatalogExport {
  files: CatalogFile[];
  notes: string[];
}

export const semver = (version: number): string => `${version}.0.0`;

export function buildEventCatalog(board: Board): CatalogExport {
  const graph = new BoardGraph(board);
  const files: CatalogFile[] = [];
  const notes: string[] = [];
  const ids = new KeySet();
  const eventIds = new Map<Identity, string>();
  const commandIds = new Map<Identity, string>();
  const contextIds = new Set(board.contexts.map((c) => c.id));

  const identities = [...graph.identities()].filter((i) => i.contextId !== undefined && contextIds.has(i.contextId));
  for (const identity of identities) {
    if (identity.kind !== 'event' && identity.kind !== 'command') continue;
    if (identity.identifier.pascal === '') {
      notes.push(
        `The ${identity.kind} sticky ${JSON.stringify(identity.stickies[0]!.name)} (${identity.stickies[0]!.id}) was left out: its name gives no identifier.`,
      );
      continue;
    }
    const context = board.contexts.find((c) => c.id === identity.contextId)!;
    let id = asciiKey(identity.identifier.pascal);
    // One catalog holds every context: an event name two contexts share gets its context in front.
    if (ids.has(id))
      id = asciiKey(
        `${identity.contextId === undefined ? '' : pascalOf(context.name, context.id)}${identity.identifier.pascal}`,
      );
    (identity.kind === 'event' ? eventIds : commandIds).set(identity, ids.take(id));
  }
  const latest = (identity: Identity): string => semver(Math.max(1, versionsOf(identity).at(-1)?.version ?? 1));

  // Each aggregate's log is a channel: its address is the subject the generated service appends
  // the aggregate's events to (the same as the AsyncAPI document's). Services name it in their
  // sends (`to`) and receives (`from`); a message's own `channels` is EventCatalog 2's form, which
  // EventCatalog 3 moves into the services by rewriting the files.
  const channelIds = new Map<Identity, string>();
  for (const aggregate of identities) {
    if (aggregate.kind !== 'aggregate' || aggregate.identifier.pascal === '') continue;
    const log = logChannelOf(graph, aggregate);
    if (log.events.length === 0) continue;
    const context = board.contexts.find((c) => c.id === aggregate.contextId)!;
    const id = ids.take(asciiKey(`${pascalOf(context.name, context.id)}${aggregate.identifier.pascal}Log`));
    channelIds.set(aggregate, id);
    const name = aggregate.stickies[0]!.name;
    files.push({
      path: ['channels', id, 'index.mdx'],
      text: page(
        {
          id,
          name: `${name} log (${context.name})`,
          version: '1.0.0',
          summary: `The NATS JetStream subjects the ${context.name} service appends the events of each ${name} to, one message per command.`,
          address: log.address,
          protocols: ['nats'],
          deliveryGuarantee: 'at-least-once',
          parameters: { [log.parameter]: { description: idParameterDescription(log, name) } },
        },
        [
          '## Overview',
          '',
          `One subject per ${markdownText(name)}. Each command the ${markdownText(name)} aggregate handles appends one message to it, holding the events it decided ` +
            `(${log.events.map((e) => markdownText(e.stickies[0]!.name)).join(', ')}); the service's AsyncAPI document describes the message.`,
          '',
          '<ChannelInformation />',
          '',
          '<NodeGraph />',
        ],
      ),
    });
  }
  const channelsOf = (event: Identity) =>
    emittersOf(graph, event).flatMap((a) => (channelIds.has(a) ? [{ id: channelIds.get(a)!, version: '1.0.0' }] : []));
  const pointerTo = (event: Identity, via: 'to' | 'from') => {
    const channels = channelsOf(event);
    return { id: eventIds.get(event)!, version: latest(event), ...(channels.length > 0 ? { [via]: channels } : {}) };
  };

  for (const context of board.contexts) {
    const domainId = ids.take(asciiKey(pascalOf(context.name, context.id)));
    const serviceId = ids.take(asciiKey(`${pascalOf(context.name, context.id)}Service`));
    const own = identities.filter((i) => i.contextId === context.id);
    const sends = own.filter((i) => eventIds.has(i)).map((i) => pointerTo(i, 'to'));
    const receivedEvents = identities.filter(
      (i) =>
        i.kind === 'event' &&
        i.contextId !== context.id &&
        eventIds.has(i) &&
        graph.targets(i, ['policy', 'readModel']).some((e) => e.context === context.id),
    );
    const receives = [
      ...receivedEvents.map((i) => pointerTo(i, 'from')),
      ...own.filter((i) => commandIds.has(i)).map((i) => ({ id: commandIds.get(i)!, version: '1.0.0' })),
    ];
    files.push({
      path: ['domains', domainId, 'index.mdx'],
      text: page(
        {
          id: domainId,
          name: context.name,
          version: '1.0.0',
          summary: `The ${context.name} bounded context of the board "${board.name}".`,
          services: [{ id: serviceId, version: '1.0.0' }],
        },
        [
          `## Overview`,
          '',
          `The **${markdownText(context.name)}** bounded context, exported from the Stormbench board "${markdownText(board.name)}".`,
          '',
          '<NodeGraph />',
        ],
      ),
    });
    files.push({
      path: ['services', serviceId, 'index.mdx'],
      text: page(
        {
          id: serviceId,
          name: `${context.name} service`,
          version: '1.0.0',
          summary: `The generated service ${packageNameOf(context)}.`,
          sends,
          receives,
          // The list form: with the object form and no schemaPath, EventCatalog 3 looks for a schema
          // at the folder itself and warns on every build.
          specifications: [{ type: 'asyncapi', path: 'asyncapi.json', name: `${context.name} AsyncAPI` }],
        },
        [
          '## Overview',
          '',
          `The **${markdownText(packageNameOf(context))}** service of the ${markdownText(context.name)} context. It appends its events to the log ` +
            'and reads the events of other contexts its policies and read models need; its commands arrive over HTTP.',
          '',
          '<NodeGraph />',
        ],
      ),
    });
    files.push({
      path: ['services', serviceId, 'asyncapi.json'],
      text: `${JSON.stringify(buildAsyncApi(board, context, graph, []), null, 2)}\n`,
    });
    for (const identity of own) {
      const id = eventIds.get(identity) ?? commandIds.get(identity);
      if (id === undefined) continue;
      const name = identity.stickies[0]!.name;
      if (identity.kind === 'command') {
        const schema = (
          identity.stickies.find((s) => (s as CommandElement).schema !== undefined) as CommandElement | undefined
        )?.schema;
        const path = `/commands/${identity.identifier.kebab}`;
        files.push(
          ...messageFiles(
            ['commands', id],
            {
              id,
              name,
              version: '1.0.0',
              summary: `The "${name}" command, sent to ${context.name} over HTTP.`,
              operation: { method: 'POST', path },
            },
            schema,
            [
              `A command of the ${markdownText(context.name)} context: POST it to \`${path}\` on the ${markdownText(context.name)} service.`,
            ],
          ),
        );
        continue;
      }
      const versions = versionsOf(identity);
      const logs = emittersOf(graph, identity).map((a) => `\`${logChannelOf(graph, a).address.replace(/`/g, '')}\``);
      const about = () => [
        logs.length > 0
          ? `An event of the ${markdownText(context.name)} context, appended to the log on ${logs.join(', ')} (one message per command).`
          : `An event of the ${markdownText(context.name)} context. No aggregate of the context emits it, so no generated service writes it to the log.`,
      ];
      if (versions.length === 0) {
        files.push(
          ...messageFiles(
            ['events', id],
            { id, name, version: '1.0.0', summary: `"${name}" (no schema yet).` },
            undefined,
            about(),
          ),
        );
        continue;
      }
      versions.forEach((v, i) => {
        const folder = i === versions.length - 1 ? ['events', id] : ['events', id, 'versioned', semver(v.version)];
        files.push(
          ...messageFiles(
            folder,
            { id, name, version: semver(v.version), summary: v.note ?? `Version ${v.version} of "${name}".` },
            v.schema,
            about(),
          ),
        );
      });
    }
  }
  return { files, notes };
}

function messageFiles(
  folder: string[],
  fields: { id: string; name: string; version: string; summary: string } & Record<string, YamlValue>,
  schema: unknown,
  body: string[],
): CatalogFile[] {
  const files: CatalogFile[] = [
    {
      path: [...folder, 'index.mdx'],
      text: page(
        { ...fields, summary: oneLine(fields.summary), ...(schema !== undefined ? { schemaPath: 'schema.json' } : {}) },
        ['## Overview', '', ...body, '', '<NodeGraph />'],
      ),
    },
  ];
  if (schema !== undefined)
    files.push({ path: [...folder, 'schema.json'], text: `${JSON.stringify(schema, null, 2)}\n` });
  return files;
}

function page(fields: Parameters<typeof frontmatter>[0], body: string[]): string {
  const clean = { ...fields };
  if (typeof clean.summary === 'string') clean.summary = oneLine(clean.summary);
  return `${frontmatter(clean)}\n\n${body.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function pascalOf(name: string, id: string): string {
  return toPascal(name) || toPascal(id) || 'Context';
}

function toPascal(text: string): string {
  return toIdentifier(text).pascal;
}
