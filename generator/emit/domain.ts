import { VariableDeclarationKind } from 'ts-morph';
import type { AggregatePlan, ServicePlan } from '../plan/service-plan.ts';
import { buildSource, commentText, generatedBanner, literal, userBanner } from './source.ts';

const quote = (text: string) => literal(text);

function eventsOf(plan: ServicePlan, aggregate: AggregatePlan) {
  return aggregate.events.map((type) => plan.events.find((e) => e.own && e.type === type)!);
}

/** src/generated/<aggregate>.decider.ts: the command and event unions, the default decide, the decider. */
export function emitDecider(plan: ServicePlan, aggregate: AggregatePlan): string {
  const A = aggregate.type;
  const commands = aggregate.commands.map((type) => plan.commands.find((c) => c.type === type)!);
  const events = eventsOf(plan, aggregate);
  return buildSource(`src/generated/${aggregate.kebab}.decider.ts`, (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({
      moduleSpecifier: '../runtime/definition.ts',
      isTypeOnly: true,
      namedImports: ['Decider'],
    });
    file.addImportDeclaration({ moduleSpecifier: '../runtime/defaults.ts', namedImports: ['fieldsFor'] });
    file.addImportDeclaration({
      moduleSpecifier: `../domain/${aggregate.kebab}.ts`,
      namedImports: ['evolve', 'initialState', 'rules', `type ${A}State`],
    });
    if (commands.some((c) => c.emits.length > 0))
      file.addImportDeclaration({ moduleSpecifier: './events.ts', namedImports: ['currentSchema'] });
    const typeImports = [...new Set([...commands.map((c) => c.tsName), ...events.map((e) => e.tsName)])];
    if (typeImports.length > 0)
      file.addImportDeclaration({ moduleSpecifier: './types.ts', isTypeOnly: true, namedImports: typeImports });
    file.addTypeAlias({
      name: `${A}Command`,
      isExported: true,
      docs: [`The commands ${commentText(aggregate.name)} handles.`],
      type: commands.length
        ? commands.map((c) => `{ type: ${quote(c.type)}; data: ${c.tsName}; id: string }`).join(' | ')
        : 'never',
    });
    file.addTypeAlias({
      name: `${A}Event`,
      isExported: true,
      docs: [`The events ${commentText(aggregate.name)} emits, in their current versions.`],
      type: events.length ? events.map((e) => `{ type: ${quote(e.type)}; data: ${e.tsName} }`).join(' | ') : 'never',
    });
    file.addTypeAlias({
      name: `${A}Rules`,
      isExported: true,
      docs: ['A rule per command, where the default is not enough: return the events, or throw a RuleViolation.'],
      type: `{ [K in ${A}Command['type']]?: (command: Extract<${A}Command, { type: K }>, state: ${A}State) => ${A}Event[] }`,
    });
    file.addFunction({
      name: 'defaultDecide',
      isExported: true,
      docs: [
        "What the board says each command emits (its arrows), with the fields the command carries and the events' defaults.",
      ],
      parameters: [{ name: 'command', type: `${A}Command` }],
      returnType: `${A}Event[]`,
      statements: (writer) => {
        if (commands.length > 0) {
          writer.write('switch (command.type)').block(() => {
            for (const command of commands) {
              writer.writeLine(`case ${quote(command.type)}:`);
              const made = command.emits.map((type) => {
                const event = plan.events.find((e) => e.own && e.type === type)!;
                return `{ type: ${quote(type)}, data: fieldsFor<${event.tsName}>(command.data, currentSchema(${quote(plan.contextId)}, ${quote(type)})) }`;
              });
              writer
                .indent()
                .write(`return [${made.join(', ')}];`)
                .newLine();
            }
          });
        }
        writer.writeLine('return [];');
      },
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        `${commentText(aggregate.name)} as a decider: the rules of src/domain/${aggregate.kebab}.ts where written, the default elsewhere.`,
      ],
      declarations: [
        {
          name: `${aggregate.camel}Decider`,
          type: `Decider<${A}State>`,
          initializer: (writer) =>
            writer.block(() => {
              writer.writeLine('initialState,');
              writer.writeLine(`evolve: (state, event) => evolve(state, event as unknown as ${A}Event),`);
              writer.write('decide(command, state)').block(() => {
                writer.writeLine(`const typed = command as unknown as ${A}Command;`);
                writer.writeLine(
                  `const rule = rules[typed.type] as ((command: ${A}Command, state: ${A}State) => ${A}Event[]) | undefined;`,
                );
                writer.writeLine('return rule ? rule(typed, state) : defaultDecide(typed);');
              });
            }),
        },
      ],
    });
    file.addFunction({
      name: 'ruleWritten',
      isExported: true,
      docs: [
        'Whether src/domain has a rule for the command (scenarios the default cannot meet are pending until then).',
      ],
      parameters: [{ name: 'type', type: `${A}Command['type']` }],
      returnType: 'boolean',
      statements: 'return rules[type] !== undefined;',
    });
  });
}

/** src/domain/<aggregate>.ts: the user's file, created once. */
export function emitDomain(plan: ServicePlan, aggregate: AggregatePlan): string {
  const A = aggregate.type;
  const events = eventsOf(plan, aggregate);
  return buildSource(`src/domain/${aggregate.kebab}.ts`, (file) => {
    file.insertText(0, userBanner());
    file.addImportDeclaration({ moduleSpecifier: '../runtime/definition.ts', namedImports: ['RuleViolation'] });
    file.addImportDeclaration({
      moduleSpecifier: `../generated/${aggregate.kebab}.decider.ts`,
      namedImports: ['defaultDecide', `type ${A}Event`, `type ${A}Rules`],
    });
    file.addInterface({
      name: `${A}State`,
      isExported: true,
      docs: [`What ${commentText(aggregate.name)} remembers between commands: add what its rules need.`],
      properties: [
        { name: 'exists', type: 'boolean', docs: ['Whether any event has happened to it.'] },
        {
          name: 'happened',
          type: `Partial<Record<${A}Event['type'], number>>`,
          docs: ['How often each event happened.'],
        },
      ],
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'initialState', type: `${A}State`, initializer: '{ exists: false, happened: {} }' }],
    });
    file.addFunction({
      name: 'evolve',
      isExported: true,
      docs: ['The state after an event (events arrive upcast to their current version).'],
      parameters: [
        { name: 'state', type: `${A}State` },
        { name: 'event', type: `${A}Event` },
      ],
      returnType: `${A}State`,
      statements:
        events.length > 0
          ? 'return { ...state, exists: true, happened: { ...state.happened, [event.type]: (state.happened[event.type] ?? 0) + 1 } };'
          : 'void event;\nreturn state;',
    });
    file.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'The rules. A command with no rule here emits what the board links it to (defaultDecide).\n' +
          // Naming every command lets a later run tell the commands that are new on the board
          // (generator/regenerate.ts looks for their names in this file) from those that were not.
          (aggregate.commands.length > 0
            ? `Commands when this file was created: ${aggregate.commands.join(', ')}.\n`
            : '') +
          'Example:\n' +
          (aggregate.commands[0]
            ? `  ${aggregate.commands[0]}: (command, state) => {\n    if (state.exists) throw new RuleViolation('already exists');\n    return defaultDecide(command);\n  },`
            : ''),
      ],
      declarations: [{ name: 'rules', type: `${A}Rules`, initializer: '{}' }],
    });
    file.addStatements([
      '// Referenced so that the imports the examples above need stay in place.',
      'void RuleViolation;',
      'void defaultDecide;',
    ]);
  });
}
