import type { ContextPlanning } from './context-planning.ts';
import type { AggregatePlan, PolicyPlan, ReadModelPlan } from './service-plan.ts';

interface Claimant {
  /** The part, as a sentence names it: `the event "Order placed"`. */
  what: string;
  elementIds: string[];
}

/**
 * Generated names must not collide: they share one module of types. Nor may two parts be written
 * to one file. Either is refused, pointing at the stickies of both parts.
 */
export function refuseCollisions(
  p: ContextPlanning,
  aggregates: AggregatePlan[],
  readModels: ReadModelPlan[],
  policies: PolicyPlan[],
): void {
  const names = claims(
    p,
    'name-collision',
    (name, what, previous) => `${what} and ${previous} both become ${name} in code; rename one of them`,
  );
  const events = [...p.events.values()];
  for (const e of events)
    for (const v of e.versions)
      names(`${e.tsName}V${v.version}`, { what: `the event ${JSON.stringify(e.name)}`, elementIds: e.elementIds });
  for (const e of events) names(e.tsName, { what: `the event ${JSON.stringify(e.name)}`, elementIds: e.elementIds });
  for (const c of p.commands.values())
    names(c.tsName, { what: `the command ${JSON.stringify(c.name)}`, elementIds: c.elementIds });
  for (const a of aggregates)
    names(`${a.type}State`, { what: `the aggregate ${JSON.stringify(a.name)}`, elementIds: a.elementIds });

  const files = claims(
    p,
    'file-collision',
    (file, what, previous) => `${what} and ${previous} would both be written to ${file}; rename one of them`,
  );
  for (const a of aggregates)
    files(`src/domain/${a.kebab}.ts`, { what: `the aggregate ${JSON.stringify(a.name)}`, elementIds: a.elementIds });
  for (const r of readModels)
    files(`src/projections/${r.kebab}.ts`, {
      what: `the read model ${JSON.stringify(r.name)}`,
      elementIds: r.elementIds,
    });
  for (const pol of policies)
    files(`src/policies/${pol.kebab}.ts`, {
      what: `the policy ${JSON.stringify(pol.name)}`,
      elementIds: pol.elementIds,
    });
}

/** A claim on names of one sort: the first claimant owns a name, a later one is refused. */
function claims(
  p: ContextPlanning,
  code: 'name-collision' | 'file-collision',
  sentence: (name: string, what: string, previous: string) => string,
) {
  const owners = new Map<string, Claimant>();
  return (name: string, claimant: Claimant): void => {
    const previous = owners.get(name);
    if (previous)
      p.refuse(code, [...previous.elementIds, ...claimant.elementIds], sentence(name, claimant.what, previous.what));
    else owners.set(name, claimant);
  };
}
