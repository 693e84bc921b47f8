import type { Scenario, ScenarioEvent } from '../board/types.ts';
import type { PlacedScenario, ScenarioCatalog } from './catalog.ts';
import { skeletonPayload, type Payload } from './payload.ts';

/** The new `scenarios` of one aggregate sticky (undefined: the sticky has none left). */
export interface ScenarioPatch {
  stickyId: string;
  scenarios: Scenario[] | undefined;
}

/**
 * The id a scenario is about: the id field's value in its first payload that has one. New
 * payloads of the scenario get the same value, so given, when and then talk about one aggregate.
 */
export function idValueOf(scenario: Scenario, idField: string): string | undefined {
  const payloads = [
    ...(scenario.given ?? []).map((g) => g.data),
    scenario.when.data,
    ...(scenario.then ?? []).map((t) => t.data),
  ];
  for (const data of payloads) {
    const value = data?.[idField];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

/** The id a new scenario starts with, e.g. `order-1` for the aggregate "Order". */
export function defaultIdValue(catalog: ScenarioCatalog): string {
  return `${catalog.aggregate.identifier.kebab || 'id'}-1`;
}

/**
 * Where one payload's id changed from `from` to `to`, the other payloads that had `from` follow,
 * so a scenario stays about one aggregate when its id is edited in one place.
 */
export function shareIdValue(scenario: Scenario, idField: string, from: unknown, to: unknown): Scenario {
  if (from === to || from === undefined) return scenario;
  const follow = <T extends { data?: Payload }>(part: T): T =>
    part.data && Object.hasOwn(part.data, idField) && part.data[idField] === from
      ? { ...part, data: { ...part.data, [idField]: to } }
      : part;
  return {
    ...scenario,
    ...(scenario.given ? { given: scenario.given.map(follow) } : {}),
    when: follow(scenario.when),
    ...(scenario.then ? { then: scenario.then.map(follow) } : {}),
  };
}

/** `base`, or `base 2`, `base 3`… whichever no scenario of the aggregate has yet. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.trim().toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!lower.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** A scenario to start from: the first command the aggregate handles, its payload filled in. */
export function newScenario(catalog: ScenarioCatalog): Scenario {
  const command = catalog.commands[0];
  const id = defaultIdValue(catalog);
  return {
    name: uniqueName(
      'new scenario',
      catalog.scenarios.map((p) => p.scenario.name),
    ),
    given: [],
    when: { command: command?.name ?? '', data: skeletonPayload(command?.schema, catalog.idField, id) },
    then: [],
  };
}

/** An event entry for given or then: the first linked event unless one is named. */
export function newScenarioEvent(catalog: ScenarioCatalog, scenario: Scenario, eventName?: string): ScenarioEvent {
  const event = catalog.events.find((e) => e.name === eventName) ?? catalog.events[0];
  const id = idValueOf(scenario, catalog.idField) ?? defaultIdValue(catalog);
  return { event: event?.name ?? eventName ?? '', data: skeletonPayload(event?.schema, catalog.idField, id) };
}

// ---- where scenarios are stored: one aggregate may keep them on several stickies ----

function listOf(placed: readonly PlacedScenario[], stickyId: string): Scenario[] {
  return placed.filter((p) => p.stickyId === stickyId).map((p) => p.scenario);
}

function patch(stickyId: string, scenarios: Scenario[]): ScenarioPatch {
  return { stickyId, scenarios: scenarios.length > 0 ? scenarios : undefined };
}

export function replaceAt(placed: readonly PlacedScenario[], at: number, scenario: Scenario): ScenarioPatch[] {
  const slot = placed[at];
  if (!slot) return [];
  const list = listOf(placed, slot.stickyId);
  list[slot.index] = scenario;
  return [patch(slot.stickyId, list)];
}

/** Inserts right after the scenario at `at`, on the same sticky (a duplicate sits by its original). */
export function insertAfter(placed: readonly PlacedScenario[], at: number, scenario: Scenario): ScenarioPatch[] {
  const slot = placed[at];
  if (!slot) return [];
  const list = listOf(placed, slot.stickyId);
  list.splice(slot.index + 1, 0, scenario);
  return [patch(slot.stickyId, list)];
}

export function append(placed: readonly PlacedScenario[], stickyId: string, scenario: Scenario): ScenarioPatch[] {
  return [patch(stickyId, [...listOf(placed, stickyId), scenario])];
}

export function removeAt(placed: readonly PlacedScenario[], at: number): ScenarioPatch[] {
  const slot = placed[at];
  if (!slot) return [];
  const list = listOf(placed, slot.stickyId);
  list.splice(slot.index, 1);
  return [patch(slot.stickyId, list)];
}

/**
 * Swaps two scenarios in the aggregate's order. Across two stickies each keeps its slot and the
 * scenarios trade places, so the order people see is the order that is stored.
 */
export function swap(placed: readonly PlacedScenario[], a: number, b: number): ScenarioPatch[] {
  const first = placed[a];
  const second = placed[b];
  if (!first || !second || a === b) return [];
  if (first.stickyId === second.stickyId) {
    const list = listOf(placed, first.stickyId);
    list[first.index] = second.scenario;
    list[second.index] = first.scenario;
    return [patch(first.stickyId, list)];
  }
  const one = listOf(placed, first.stickyId);
  const two = listOf(placed, second.stickyId);
  one[first.index] = second.scenario;
  two[second.index] = first.scenario;
  return [patch(first.stickyId, one), patch(second.stickyId, two)];
}
