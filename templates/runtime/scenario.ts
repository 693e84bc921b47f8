import { deepStrictEqual, ok } from 'node:assert/strict';
import { RuleViolation, type Decider } from './definition.ts';

export interface Scenario {
  name: string;
  given: Array<{ type: string; data: Record<string, unknown> }>;
  when: { type: string; data: Record<string, unknown> };
  then?: Array<{ type: string; data: Record<string, unknown> }>;
  thenError?: string;
}

/** Given the events, when the command, then these events (or this refusal): a decider test. */
export function runScenario(decider: Decider, scenario: Scenario): void {
  let state = decider.initialState;
  for (const event of scenario.given) state = decider.evolve(state, event);
  const command = { ...scenario.when, id: `scenario:${scenario.name}` };
  if (scenario.thenError !== undefined) {
    let refused: unknown;
    try {
      decider.decide(command, state);
    } catch (error) {
      refused = error;
    }
    ok(
      refused instanceof RuleViolation,
      `expected ${command.type} to be refused with "${scenario.thenError}", but it was ${refused === undefined ? 'accepted' : `thrown ${String(refused)}`}`,
    );
    ok(
      refused.message.includes(scenario.thenError),
      `expected the refusal to say "${scenario.thenError}", but it said "${refused.message}"`,
    );
    return;
  }
  deepStrictEqual(decider.decide(command, state), scenario.then ?? []);
}
