import type { Identity } from '../../board/graph.ts';
import { KINDS } from '../../board/kinds.ts';
import type { ElementKind } from '../../board/types.ts';
import { isIdentifier, toIdentifier, wordsOf } from '../../names/identifiers.ts';
import type { Rule } from '../rule.ts';

/** The kinds whose names become code in a generated service. */
export const CODE_KINDS: readonly ElementKind[] = ['event', 'command', 'aggregate', 'policy', 'readModel'];

export const nameNotIdentifier: Rule = {
  id: 'name-not-identifier',
  severity: 'error',
  description: 'A name that maps to no usable code identifier (empty, or starting with a digit).',
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (!CODE_KINDS.includes(element.kind)) continue;
      const problem = toIdentifier(element.name).problem;
      if (!problem || problem.code === 'reserved') continue;
      ctx.report({
        elementId: element.id,
        message: `The ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) has a name that cannot become code: ${problem.message}.`,
        fix:
          problem.code === 'empty'
            ? 'Write a name with words on the sticky, e.g. "Order placed".'
            : 'Start the name with a word, e.g. "Order 3D print" instead of "3D print order".',
      });
    }
    ctx.board.contexts.forEach((context, i) => {
      if (toIdentifier(context.name).pascal !== '') return;
      ctx.report({
        contextId: context.id,
        pointer: `/contexts/${i}/name`,
        message: `The context ${JSON.stringify(context.name)} (${context.id}) has no letters or digits in its name, so its service cannot be named.`,
        fix: 'Rename the context, e.g. "Sales".',
      });
    });
  },
};

export const nameReserved: Rule = {
  id: 'name-reserved',
  severity: 'error',
  description: 'A name that maps to a name TypeScript or the generated service keeps for itself.',
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (!CODE_KINDS.includes(element.kind)) continue;
      const id = toIdentifier(element.name);
      if (id.problem?.code !== 'reserved') continue;
      ctx.report({
        elementId: element.id,
        message: `The ${KINDS[element.kind].noun} ${JSON.stringify(element.name)} (${element.id}) would be called ${id.pascal} in code, which is a built-in name.`,
        fix: `Make the name more specific, e.g. "${element.name} recorded" or "Order ${element.name.toLowerCase()}".`,
      });
    }
  },
};

export const duplicateIdentifier: Rule = {
  id: 'duplicate-identifier',
  severity: 'error',
  description: 'Two different things in one context that would get the same name in code.',
  check(ctx) {
    const byName = new Map<string, Identity>();
    for (const identity of ctx.graph.identities()) {
      if (!CODE_KINDS.includes(identity.kind) || identity.identifier.pascal === '') continue;
      const key = `${identity.contextId ?? ''}\u0000${identity.identifier.pascal}`;
      const first = byName.get(key);
      if (!first) {
        byName.set(key, identity);
        continue;
      }
      const a = first.stickies[0]!;
      const b = identity.stickies[0]!;
      ctx.report({
        elementId: b.id,
        message: `The ${KINDS[b.kind].noun} ${JSON.stringify(b.name)} (${b.id}) and the ${KINDS[a.kind].noun} ${JSON.stringify(a.name)} (${a.id}) would both be called ${identity.identifier.pascal} in the same context's code.`,
        fix: `Rename one of them, e.g. the ${KINDS[b.kind].noun} to "${b.name} ${b.kind === 'readModel' ? 'list' : b.kind === 'aggregate' ? 'process' : 'details'}".`,
      });
    }
  },
};

const collapse = (name: string) => name.trim().replace(/\s+/g, ' ');

export const nameSpellingDiffers: Rule = {
  id: 'name-spelling-differs',
  severity: 'warning',
  description: 'Stickies written differently that the board treats as one thing.',
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      const first = identity.stickies[0]!;
      const other = identity.stickies.find((s) => collapse(s.name) !== collapse(first.name));
      if (!other) continue;
      ctx.report({
        elementId: other.id,
        message: `The ${KINDS[identity.kind].noun} stickies ${JSON.stringify(first.name)} (${first.id}) and ${JSON.stringify(other.name)} (${other.id}) are written differently but are the same ${KINDS[identity.kind].noun} ${identity.identifier.pascal}.`,
        fix: 'If they are one thing, write them the same way; if they are different things, give them names that differ in words, not in spelling.',
      });
    }
  },
};

export const idFieldNotIdentifier: Rule = {
  id: 'id-field-not-identifier',
  severity: 'error',
  description: "An aggregate's idField that is not a usable property name.",
  check(ctx) {
    for (const element of ctx.board.elements) {
      if (element.kind !== 'aggregate' || element.idField === undefined || isIdentifier(element.idField)) continue;
      ctx.report({
        elementId: element.id,
        pointer: `/elements/${ctx.elementIndex(element.id)}/idField`,
        message: `The aggregate ${JSON.stringify(element.name)} (${element.id}) has the idField ${JSON.stringify(element.idField)}, which is not a property name code can use.`,
        fix: `Use letters and digits starting with a letter, e.g. "${toIdentifier(element.name).camel || 'order'}Id".`,
      });
    }
  },
};

// Past forms that do not end in -ed; enough for the usual workshop vocabulary.
const IRREGULAR_PAST = new Set(
  (
    'made sent paid built bought sold held won lost left kept met found given taken written done gone seen ' +
    'known shown chosen begun broken frozen spoken stolen withdrawn drawn grown thrown set put cut shut run ' +
    'read split spent lent bound struck hidden forgotten got gotten told brought caught taught thought sought ' +
    'fought felt dealt meant slept swept spun hung laid began became came ' +
    'rung sung sunk shot fed led bid hit quit rid let lit shed shod spread upset forbidden overridden ' +
    'undone redone rewritten overtaken mistaken arisen risen ridden driven proven sworn torn worn born borne ' +
    'expired'
  ).split(' '),
);
// Past forms spelt like the verb itself: no evidence either way at the start of a command.
const SAME_AS_BASE = new Set('read set put cut shut run hit let quit bid spread shed rid'.split(' '));
const NOT_PAST = new Set('need feed seed proceed succeed exceed embed shred bed red speed breed bleed'.split(' '));
const NOT_GERUND = new Set('bring ring sing string fling swing sting ping king thing spring sling wring'.split(' '));

function englishWords(name: string): string[] | undefined {
  if (!/^[\x20-\x7e]+$/.test(name)) return undefined; // other languages: no opinion
  const words = wordsOf(name)
    .map((w) => w.toLowerCase())
    .filter((w) => /^[a-z]+$/.test(w));
  return words.length > 0 ? words : undefined;
}

export function looksPast(word: string): boolean {
  return (word.endsWith('ed') && !NOT_PAST.has(word)) || IRREGULAR_PAST.has(word);
}

function looksGerund(word: string): boolean {
  return word.endsWith('ing') && word.length > 4 && !NOT_GERUND.has(word);
}

export const eventNameTense: Rule = {
  id: 'event-name-tense',
  severity: 'info',
  description: 'An event whose name does not read as something that happened (past tense).',
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      if (identity.kind !== 'event') continue;
      const sticky = identity.stickies[0]!;
      const words = englishWords(sticky.name);
      if (!words || words.some(looksPast)) continue;
      ctx.report({
        elementId: sticky.id,
        message: `The event ${JSON.stringify(sticky.name)} does not read as something that happened.`,
        fix: `Name events in the past tense, e.g. "${words.length > 1 ? `${cap(words.slice(1).join(' '))} ${pastOf(words[0]!)}` : `${cap(words[0]!)} happened`}".`,
      });
    }
  },
};

export const commandNameMood: Rule = {
  id: 'command-name-mood',
  severity: 'info',
  description: 'A command whose name does not read as an instruction (imperative).',
  check(ctx) {
    for (const identity of ctx.graph.identities()) {
      if (identity.kind !== 'command') continue;
      const sticky = identity.stickies[0]!;
      const words = englishWords(sticky.name);
      if (!words) continue;
      const first = words[0]!;
      const last = words[words.length - 1]!;
      const pastFirst = looksPast(first) && !SAME_AS_BASE.has(first);
      if (!(pastFirst || looksGerund(first) || (words.length > 1 && looksPast(last)))) continue;
      ctx.report({
        elementId: sticky.id,
        message: `The command ${JSON.stringify(sticky.name)} does not read as an instruction${looksPast(last) ? '; it reads like an event' : ''}.`,
        fix: 'Name commands in the imperative, verb first, e.g. "Place order" or "Ship parcel".',
      });
    }
  },
};

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pastOf(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  return `${verb}ed`;
}
