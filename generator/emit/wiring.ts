import { asClause } from '../../model/words.ts';
import { VariableDeclarationKind } from 'ts-morph';
import type { EventPlan, PolicyPlan, ReadModelPlan, ServicePlan } from '../plan/service-plan.ts';
import { buildSource, commentText, generatedBanner, literal, userBanner } from './source.ts';

const q = (text: string) => literal(text);

/** src/generated/events.ts: schemas of every version, the upcaster chains, examples. */
export function emitEvents(plan: ServicePlan): string {
  return buildSource('src/generated/events.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['EventDefinition', 'Upcaster'],
    });
    const mechanical = plan.events.some((e) => e.steps.some((s) => s.mechanical));
    if (mechanical)
      file.addImportDeclaration({ moduleSpecifier: '../runtime/upcast.ts', namedImports: ['mechanicalStep'] });
    const manual = plan.events.flatMap((e) => e.steps.filter((s) => !s.mechanical).map((s) => ({ e, s })));
    for (const { e, s } of manual) {
      if (s.mechanical) continue;
      file.addImportDeclaration({
        moduleSpecifier: `../${s.file.replace(/^src\//, '')}`,
        namedImports: [s.functionName],
      });
      void e;
    }
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ["Every event this service writes or reads: its versions' schemas and how each version becomes the next."],
      declarations: [
        {
          name: 'events',
          type: 'EventDefinition[]',
          initializer: (writer) => {
            writer.write('[').newLine();
            for (const event of plan.events)
              writer
                .indent()
                .write(`${eventEntry(event)},`)
                .newLine();
            writer.write(']');
          },
        },
      ],
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The examples of every version, from the board (the upcaster test feeds them through the chain).'],
      declarations: [
        {
          name: 'examples',
          type: 'Array<{ context: string; type: string; version: number; examples: unknown[] }>',
          initializer: literal(
            plan.events.flatMap((e) =>
              e.versions.map((v) => ({ context: e.context, type: e.type, version: v.version, examples: v.examples })),
            ),
          ),
        },
      ],
    });
    file.addFunction({
      name: 'currentSchema',
      isExported: true,
      docs: ["The current version's schema of an event."],
      parameters: [
        { name: 'context', type: 'string' },
        { name: 'type', type: 'string' },
      ],
      returnType: 'object',
      statements: [
        'const event = events.find((e) => e.context === context && e.type === type);',
        'if (!event) throw new Error(`no event ${context}/${type}`);',
        'return event.schemas[Math.max(...Object.keys(event.schemas).map(Number))]!;',
      ],
    });
  });
}

function eventEntry(event: EventPlan): string {
  const schemas = Object.fromEntries(event.versions.map((v) => [v.version, v.schema]));
  const steps = event.steps.map((step) => {
    if (step.mechanical)
      return `  ${step.from}: (data) => mechanicalStep(data, ${literal({ drop: step.drop, fill: step.fill }, '    ')}),`;
    return `  ${step.from}: ((data) => ${step.functionName}(data as never) as never) as Upcaster,`;
  });
  return `{\n  context: ${q(event.context)},\n  type: ${q(event.type)},\n  own: ${event.own},\n  schemas: ${literal(schemas, '  ')},\n  upcasters: {${steps.length ? `\n${steps.join('\n')}\n  ` : ''}},\n}`;
}

/** A hand-written upcaster, created once for a step that needs a person. */
export function emitManualUpcaster(
  plan: ServicePlan,
  event: EventPlan,
  step: Extract<EventPlan['steps'][number], { mechanical: false }>,
): string {
  return buildSource(step.file, (file) => {
    file.insertText(0, userBanner());
    file.addImportDeclaration({ moduleSpecifier: '../runtime/upcast.ts', namedImports: ['UpcasterNotWritten'] });
    file.addImportDeclaration({
      moduleSpecifier: '../generated/types.ts',
      isTypeOnly: true,
      namedImports: [`${event.tsName}V${step.from}`, `${event.tsName}V${step.to}`],
    });
    file.addFunction({
      name: step.functionName,
      isExported: true,
      docs: [
        `TO WRITE: ${commentText(event.name)} v${step.from} → v${step.to}. The generator could not derive it because ${commentText(step.reasons.map(asClause).join('; '))}.\n` +
          `Turn a stored v${step.from} payload into a valid v${step.to} one. Until you do, reading a v${step.from} event fails and test/upcasters.test fails.`,
      ],
      parameters: [{ name: 'data', type: `${event.tsName}V${step.from}` }],
      returnType: `${event.tsName}V${step.to}`,
      statements: [
        'void data;',
        `throw new UpcasterNotWritten(${q(`${event.name} v${step.from} → v${step.to} (${step.file})`)});`,
      ],
    });
  });
}

/** src/generated/commands.ts */
export function emitCommands(plan: ServicePlan): string {
  return buildSource('src/generated/commands.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['CommandDefinition'],
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['The commands of this service: POST /commands/{path}, validated against the schema at the edge.'],
      declarations: [
        {
          name: 'commands',
          type: 'CommandDefinition[]',
          initializer: literal(
            plan.commands.map((c) => ({ type: c.type, path: c.path, aggregate: c.aggregate, schema: c.schema })),
          ),
        },
      ],
    });
    file.addFunction({
      name: 'commandSchema',
      isExported: true,
      parameters: [{ name: 'type', type: 'string' }],
      returnType: 'object',
      statements: [
        'const command = commands.find((c) => c.type === type);',
        'if (!command) throw new Error(`no command ${type}`);',
        'return command.schema;',
      ],
    });
  });
}

function unionOf(refs: Array<{ type: string; tsName: string }>, meta: boolean): string {
  if (refs.length === 0) return 'never';
  return refs
    .map((r) => `{ type: ${q(r.type)}; data: ${r.tsName}${meta ? "; meta?: DomainEvent['meta']" : ''} }`)
    .join(' | ');
}

/** src/generated/read-models.ts */
export function emitReadModels(plan: ServicePlan): string {
  return buildSource('src/generated/read-models.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['DomainEvent', 'ReadModelDefinition'],
    });
    const names = [...new Set(plan.readModels.flatMap((r) => r.events.map((e) => e.tsName)))];
    if (names.length)
      file.addImportDeclaration({ moduleSpecifier: './types.ts', isTypeOnly: true, namedImports: names });
    for (const model of plan.readModels) {
      file.addImportDeclaration({
        moduleSpecifier: `../projections/${model.kebab}.ts`,
        namespaceImport: `${model.type}Projection`,
      });
      file.addTypeAlias({
        name: `${model.type}Event`,
        isExported: true,
        docs: [`The events that update ${commentText(model.name)}.`],
        type: unionOf(model.events, true),
      });
    }
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: 'readModels',
          type: 'ReadModelDefinition[]',
          initializer: (writer) => {
            writer.write('[').newLine();
            for (const model of plan.readModels) {
              writer
                .indent()
                .write(
                  `{ name: ${q(model.type)}, path: ${q(model.kebab)}, events: ${literal(model.events.map((e) => ({ context: e.context, type: e.type })))}, key: (event) => ${model.type}Projection.key(event as never), apply: (row, event) => ${model.type}Projection.apply(row, event as never) },`,
                )
                .newLine();
            }
            writer.write(']');
          },
        },
      ],
    });
  });
}

/** src/projections/<read model>.ts: the user's file, created once. */
export function emitProjection(plan: ServicePlan, model: ReadModelPlan): string {
  const fields = model.keyFields.length > 0 ? model.keyFields : firstRequired(plan, model);
  return buildSource(`src/projections/${model.kebab}.ts`, (file) => {
    file.insertText(0, userBanner());
    file.addImportDeclaration({ moduleSpecifier: '../runtime/defaults.ts', namedImports: ['keyFrom'] });
    file.addImportDeclaration({
      moduleSpecifier: '../generated/read-models.ts',
      isTypeOnly: true,
      namedImports: [`${model.type}Event`],
    });
    file.addTypeAlias({
      name: `${model.type}Row`,
      isExported: true,
      docs: [
        `One row of ${commentText(model.name)}, as GET /read-models/${model.kebab}/{id} returns it. Shape it as its readers need.`,
      ],
      type: 'Record<string, unknown>',
    });
    file.addFunction({
      name: 'key',
      isExported: true,
      docs: ['The id of the row an event is about; undefined leaves the read model as it is.'],
      parameters: [{ name: 'event', type: `${model.type}Event` }],
      returnType: 'string | undefined',
      statements: model.events.length
        ? `return keyFrom(event.data, ${literal(fields)});`
        : 'void event;\nreturn undefined;',
    });
    file.addFunction({
      name: 'apply',
      isExported: true,
      docs: ["The row after the event (null deletes it). By default the event's fields are merged into the row."],
      parameters: [
        { name: 'row', type: `${model.type}Row | undefined` },
        { name: 'event', type: `${model.type}Event` },
      ],
      returnType: `${model.type}Row | null`,
      statements: model.events.length
        ? 'return { ...row, ...event.data, lastEvent: event.type };'
        : 'void event;\nreturn row ?? null;',
    });
  });
}

function firstRequired(plan: ServicePlan, model: ReadModelPlan): string[] {
  const fields: string[] = [];
  for (const ref of model.events) {
    const event = plan.events.find((e) => e.context === ref.context && e.type === ref.type);
    const schema = event?.versions[event.versions.length - 1]?.schema;
    const required =
      typeof schema === 'object' && schema !== null && Array.isArray(schema.required)
        ? (schema.required as unknown[])
        : [];
    for (const r of required) if (typeof r === 'string' && !fields.includes(r)) fields.push(r);
  }
  return fields.slice(0, 1);
}

/** src/generated/policies.ts */
export function emitPolicies(plan: ServicePlan): string {
  return buildSource('src/generated/policies.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['DomainEvent', 'PolicyDefinition'],
    });
    if (plan.policies.length) {
      file.addImportDeclaration({ moduleSpecifier: '../runtime/defaults.ts', namedImports: ['commandFromEvent'] });
      file.addImportDeclaration({ moduleSpecifier: './commands.ts', namedImports: ['commandSchema'] });
    }
    const names = [
      ...new Set([
        ...plan.policies.flatMap((p) => p.triggers.map((e) => e.tsName)),
        ...plan.policies.flatMap((p) => p.issues.map((c) => plan.commands.find((x) => x.type === c)!.tsName)),
      ]),
    ];
    if (names.length)
      file.addImportDeclaration({ moduleSpecifier: './types.ts', isTypeOnly: true, namedImports: names });
    for (const policy of plan.policies) {
      file.addImportDeclaration({
        moduleSpecifier: `../policies/${policy.kebab}.ts`,
        namespaceImport: `${policy.type}Policy`,
      });
      file.addTypeAlias({
        name: `${policy.type}Event`,
        isExported: true,
        docs: [`The events that trigger ${commentText(policy.name)}.`],
        type: unionOf(policy.triggers, true),
      });
      file.addTypeAlias({
        name: `${policy.type}Command`,
        isExported: true,
        type: policy.issues
          .map((c) => `{ type: ${q(c)}; data: ${plan.commands.find((x) => x.type === c)!.tsName} }`)
          .join(' | '),
      });
      file.addFunction({
        name: `${policy.type[0]!.toLowerCase()}${policy.type.slice(1)}Default`,
        isExported: true,
        docs: ['The default reaction: each command the policy issues, with the fields the event carries.'],
        parameters: [{ name: 'event', type: `${policy.type}Event` }],
        returnType: `${policy.type}Command[]`,
        statements: `return [${policy.issues.map((c) => `{ type: ${q(c)}, data: commandFromEvent(event, commandSchema(${q(c)}), ${q(idFieldOf(plan, c))}) }`).join(', ')}];`,
      });
    }
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: 'policies',
          type: 'PolicyDefinition[]',
          initializer: (writer) => {
            writer.write('[').newLine();
            for (const policy of plan.policies) {
              writer
                .indent()
                .write(
                  `{ name: ${q(policy.type)}, events: ${literal(policy.triggers.map((e) => ({ context: e.context, type: e.type })))}, react: (event) => ${policy.type}Policy.react(event as never) },`,
                )
                .newLine();
            }
            writer.write(']');
          },
        },
      ],
    });
  });
}

function idFieldOf(plan: ServicePlan, commandType: string): string {
  const command = plan.commands.find((c) => c.type === commandType)!;
  return plan.aggregates.find((a) => a.type === command.aggregate)!.idField;
}

/** src/policies/<policy>.ts: the user's file, created once. */
export function emitPolicy(plan: ServicePlan, policy: PolicyPlan): string {
  const fn = `${policy.type[0]!.toLowerCase()}${policy.type.slice(1)}Default`;
  return buildSource(`src/policies/${policy.kebab}.ts`, (file) => {
    file.insertText(0, userBanner());
    file.addImportDeclaration({
      moduleSpecifier: '../generated/policies.ts',
      namedImports: [fn, `type ${policy.type}Command`, `type ${policy.type}Event`],
    });
    file.addFunction({
      name: 'react',
      isExported: true,
      docs: [
        `${commentText(policy.name)}: whenever ${policy.triggers.map((t) => t.type).join(' or ')}, then ${policy.issues.join(' and ')}.\n` +
          "Return the commands to issue (none, to ignore the event). Each gets an id derived from the event's id, so a redelivered event never issues a command twice.",
      ],
      parameters: [{ name: 'event', type: `${policy.type}Event` }],
      returnType: `${policy.type}Command[]`,
      statements: `return ${fn}(event);`,
    });
  });
}

/** src/generated/definition.ts and src/main.ts */
export function emitDefinition(plan: ServicePlan): string {
  return buildSource('src/generated/definition.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['ServiceDefinition'],
    });
    file.addImportDeclaration({ moduleSpecifier: './commands.ts', namedImports: ['commands'] });
    file.addImportDeclaration({ moduleSpecifier: './events.ts', namedImports: ['events'] });
    file.addImportDeclaration({ moduleSpecifier: './policies.ts', namedImports: ['policies'] });
    file.addImportDeclaration({ moduleSpecifier: './read-models.ts', namedImports: ['readModels'] });
    for (const a of plan.aggregates)
      file.addImportDeclaration({ moduleSpecifier: `./${a.kebab}.decider.ts`, namedImports: [`${a.camel}Decider`] });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`The ${commentText(plan.contextName)} service, as the runtime runs it.`],
      declarations: [
        {
          name: 'definition',
          type: 'ServiceDefinition',
          initializer: (writer) =>
            writer.block(() => {
              writer.writeLine(`context: ${q(plan.contextId)},`);
              writer.writeLine(`name: ${q(plan.packageName)},`);
              writer.writeLine(`responseMode: ${q(plan.responseMode)},`);
              writer.writeLine('events,');
              writer.writeLine('commands,');
              writer.writeLine(
                `aggregates: [${plan.aggregates.map((a) => `{ name: ${q(a.type)}, idField: ${q(a.idField)}, decider: ${a.camel}Decider }`).join(', ')}],`,
              );
              writer.writeLine('readModels,');
              writer.writeLine('policies,');
            }),
        },
      ],
    });
  });
}

export function emitMain(plan: ServicePlan): string {
  return buildSource('src/main.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({ moduleSpecifier: './generated/definition.ts', namedImports: ['definition'] });
    file.addImportDeclaration({ moduleSpecifier: './runtime/start.ts', namedImports: ['startFromEnvironment'] });
    file.addStatements([
      'startFromEnvironment(definition).catch((error: unknown) => {',
      '  console.error(`${definition.name} could not start: ${error instanceof Error ? error.message : String(error)}`);',
      '  process.exit(1);',
      '});',
    ]);
  });
}
