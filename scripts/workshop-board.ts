import type { Board, Context, Element, Link } from '../model/board/types.ts';

const CONTEXTS = [
  'Sales',
  'Payments',
  'Shipping',
  'Inventory',
  'Billing',
  'Support',
  'Catalogue',
  'Returns',
  'Pricing',
  'Loyalty',
  'Procurement',
  'Identity',
];
const REGIONS = ['', 'Europe', 'Americas', 'Asia', 'Africa', 'Oceania', 'Nordics', 'Iberia', 'Benelux', 'Alps'];
const NOUNS = [
  'Order',
  'Invoice',
  'Parcel',
  'Refund',
  'Ticket',
  'Voucher',
  'Basket',
  'Contract',
  'Quote',
  'Booking',
  'Account',
  'Subscription',
  'Delivery',
  'Claim',
  'Product',
  'Supplier',
  'Batch',
  'Coupon',
  'Review',
  'Warranty',
];
const VERBS: ReadonlyArray<[string, string]> = [
  ['Open', 'opened'],
  ['Approve', 'approved'],
  ['Reject', 'rejected'],
  ['Cancel', 'cancelled'],
  ['Archive', 'archived'],
  ['Assign', 'assigned'],
  ['Update', 'updated'],
  ['Close', 'closed'],
];
const ACTORS = ['Clerk', 'Manager', 'Customer', 'Auditor', 'Courier'];

/**
 * A workshop-sized board of about `stickies` stickies: bounded contexts of flows (actor → command →
 * aggregate → event → read model, policies chaining one flow to the next, the odd hotspot), with
 * versioned event schemas and examples. Deterministic: the same count gives the same board, so
 * the committed example and the benchmarks can be made again.
 */
export function makeWorkshopBoard(stickies: number): Board {
  const elements: Element[] = [];
  const links: Link[] = [];
  const contexts: Context[] = [];
  // 60 flows a context: about 250 stickies, the size of one team's part of a big workshop.
  const flowsPerContext = NOUNS.length * 3;
  let flow = 0;
  let previousEvent: string | undefined;
  const link = (from: string, to: string) => links.push({ id: `l${links.length + 1}`, from, to });
  while (elements.length < stickies) {
    const c = Math.floor(flow / flowsPerContext);
    const j = flow % flowsPerContext;
    const top = c * 1400;
    if (j === 0) {
      const region = REGIONS[Math.floor(c / CONTEXTS.length)] ?? `Zone ${c}`;
      const name = `${CONTEXTS[c % CONTEXTS.length]}${region ? ` ${region}` : ''}`;
      contexts.push({
        id: `ctx-${c + 1}`,
        name,
        x: 0,
        y: top,
        width: 40 + 260 * Math.ceil(flowsPerContext / 4),
        height: 1300,
      });
      previousEvent = undefined;
    }
    const ctx = `ctx-${c + 1}`;
    const noun = NOUNS[j % NOUNS.length]!;
    const [verb, past] = VERBS[Math.floor(j / NOUNS.length)]!;
    const key = noun.toLowerCase();
    const x = 40 + 260 * Math.floor(j / 4);
    const y = top + 40 + 320 * (j % 4);
    const id = `f${flow + 1}`;
    const idField = `${key}Id`;
    const schema: { type: 'object'; properties: Record<string, object>; required: string[] } = {
      type: 'object',
      properties: { [idField]: { type: 'string' }, by: { type: 'string' } },
      required: [idField],
    };
    elements.push({
      id: `${id}-cmd`,
      kind: 'command',
      name: `${verb} ${key}`,
      context: ctx,
      x,
      y,
      width: 120,
      height: 80,
      schema,
    });
    elements.push({
      id: `${id}-agg`,
      kind: 'aggregate',
      name: noun,
      context: ctx,
      x: x + 130,
      y,
      width: 120,
      height: 120,
      idField,
    });
    const versions = [{ version: 1, schema, examples: [{ [idField]: `${key}-1`, by: 'sam' }] }];
    if (flow % 2 === 0) {
      const v2 = structuredClone(schema);
      v2.properties.note = { type: 'string', default: '' };
      versions.push({ version: 2, schema: v2, examples: [{ [idField]: `${key}-2`, by: 'kim', note: 'rush' }] });
    }
    elements.push({
      id: `${id}-evt`,
      kind: 'event',
      name: `${noun} ${past}`,
      context: ctx,
      x: x + 130,
      y: y + 130,
      width: 120,
      height: 80,
      compatibility: 'BACKWARD',
      versions,
    });
    link(`${id}-cmd`, `${id}-agg`);
    link(`${id}-agg`, `${id}-evt`);
    if (flow % 4 === 0) {
      elements.push({
        id: `${id}-act`,
        kind: 'actor',
        name: ACTORS[flow % ACTORS.length]!,
        context: ctx,
        x,
        y: y + 90,
        width: 80,
        height: 50,
      });
      link(`${id}-act`, `${id}-cmd`);
    }
    if (flow % 3 === 0) {
      elements.push({
        id: `${id}-rm`,
        kind: 'readModel',
        name: `${noun} ${past} list`,
        context: ctx,
        x,
        y: y + 150,
        width: 120,
        height: 80,
      });
      link(`${id}-evt`, `${id}-rm`);
    }
    if (previousEvent && flow % 3 === 1) {
      elements.push({
        id: `${id}-pol`,
        kind: 'policy',
        name: `${verb} ${key} when ready`,
        context: ctx,
        x: x - 130,
        y: y + 220,
        width: 120,
        height: 80,
      });
      link(previousEvent, `${id}-pol`);
      link(`${id}-pol`, `${id}-cmd`);
    }
    if (flow % 25 === 0) {
      elements.push({
        id: `${id}-hot`,
        kind: 'hotspot',
        name: `Who may ${verb.toLowerCase()} a ${key}?`,
        context: ctx,
        x: x + 130,
        y: y + 220,
        width: 120,
        height: 80,
        resolved: flow % 50 === 0,
      });
      link(`${id}-hot`, `${id}-cmd`);
    }
    previousEvent = `${id}-evt`;
    flow++;
  }
  return {
    format: 'stormbench.board',
    formatVersion: 1,
    name: `Workshop (${elements.length} stickies)`,
    contexts,
    elements,
    links,
  };
}
