import { RuleViolation, type ServiceDefinition } from '../../templates/runtime/definition.ts';

export interface CounterState {
  exists: boolean;
  count: number;
}

/** A small service by hand: a counter that must be opened once, then incremented. */
export function counterDefinition(responseMode: ServiceDefinition['responseMode'] = 'applied'): ServiceDefinition {
  return {
    context: 'counting',
    name: 'counting-service',
    responseMode,
    events: [
      {
        context: 'counting',
        type: 'CounterOpened',
        own: true,
        schemas: {
          1: { type: 'object', properties: { counterId: { type: 'string' } }, required: ['counterId'] },
          2: {
            type: 'object',
            properties: { counterId: { type: 'string' }, label: { type: 'string', default: 'none' } },
            required: ['counterId'],
          },
        },
        upcasters: { 1: (data) => ({ ...data, label: 'none' }) },
      },
      {
        context: 'counting',
        type: 'Incremented',
        own: true,
        schemas: {
          1: {
            type: 'object',
            properties: { counterId: { type: 'string' }, by: { type: 'integer' } },
            required: ['counterId', 'by'],
          },
        },
        upcasters: {},
      },
    ],
    commands: [
      {
        type: 'OpenCounter',
        path: 'open-counter',
        aggregate: 'Counter',
        schema: {
          type: 'object',
          properties: { counterId: { type: 'string' }, label: { type: 'string' } },
          required: ['counterId'],
        },
      },
      {
        type: 'Increment',
        path: 'increment',
        aggregate: 'Counter',
        schema: {
          type: 'object',
          properties: { counterId: { type: 'string' }, by: { type: 'integer', minimum: 1 } },
          required: ['counterId', 'by'],
        },
      },
    ],
    aggregates: [
      {
        name: 'Counter',
        idField: 'counterId',
        decider: {
          initialState: { exists: false, count: 0 } satisfies CounterState,
          evolve: (state: CounterState, event) => {
            if (event.type === 'CounterOpened') return { ...state, exists: true };
            if (event.type === 'Incremented') return { ...state, count: state.count + (event.data.by as number) };
            return state;
          },
          decide: (command, state: CounterState) => {
            if (command.type === 'OpenCounter') {
              if (state.exists) throw new RuleViolation('the counter is already open');
              return [{ type: 'CounterOpened', data: { ...command.data, undeclared: 'is stripped' } }];
            }
            if (!state.exists) throw new RuleViolation('the counter is not open');
            return [{ type: 'Incremented', data: command.data }];
          },
        },
      },
    ],
    readModels: [
      {
        name: 'Totals',
        path: 'totals',
        events: [
          { context: 'counting', type: 'CounterOpened' },
          { context: 'counting', type: 'Incremented' },
        ],
        key: (event) => String(event.data.counterId),
        apply: (row: { total: number; applied: number; label?: string } | undefined, event) => {
          const base = row ?? { total: 0, applied: 0 };
          if (event.type === 'CounterOpened')
            return { ...base, label: event.data.label as string, applied: base.applied + 1 };
          return { ...base, total: base.total + (event.data.by as number), applied: base.applied + 1 };
        },
      },
    ],
    policies: [
      {
        // Whenever a counter is opened, it starts at 1.
        name: 'StartAtOne',
        events: [{ context: 'counting', type: 'CounterOpened' }],
        react: (event) => [{ type: 'Increment', data: { counterId: event.data.counterId as string, by: 1 } }],
      },
    ],
  };
}
