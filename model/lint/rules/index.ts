import type { Rule } from '../rule.ts';
import { compatibilityRule } from './compatibility.ts';
import { patternNotLinear, schemaUnknownFormat } from './value-checks.ts';
import { duplicatePackageName, elementOutsideContext, hotspotUnresolved, unknownContext } from './contexts.ts';
import {
  commandNameMood,
  duplicateIdentifier,
  eventNameTense,
  idFieldNotIdentifier,
  nameNotIdentifier,
  nameReserved,
  nameSpellingDiffers,
} from './names.ts';
import {
  scenarioDataInvalid,
  scenarioDuplicateName,
  scenarioOffModel,
  scenarioUnknownCommand,
  scenarioUnknownEvent,
} from './scenarios.ts';
import {
  eventNoSchema,
  eventVersionGap,
  eventVersionsConflict,
  exampleInvalid,
  schemaDraftInferred,
  schemaInvalid,
} from './schemas.ts';
import {
  aggregateNoCommands,
  aggregateNoEvents,
  commandUnhandled,
  eventNoProducer,
  linkDuplicate,
  linkOutsideGrammar,
  policyNoCommand,
  policyNoTrigger,
  readModelNoFeed,
} from './structure.ts';

/** Every rule, in the order docs/lint-rules.md lists them. Ids are stable: scripts filter on them. */
export const RULES: readonly Rule[] = [
  eventNoProducer,
  commandUnhandled,
  policyNoTrigger,
  policyNoCommand,
  aggregateNoEvents,
  aggregateNoCommands,
  readModelNoFeed,
  linkOutsideGrammar,
  linkDuplicate,
  nameNotIdentifier,
  nameReserved,
  duplicateIdentifier,
  nameSpellingDiffers,
  idFieldNotIdentifier,
  eventNameTense,
  commandNameMood,
  unknownContext,
  elementOutsideContext,
  duplicatePackageName,
  hotspotUnresolved,
  eventVersionGap,
  schemaInvalid,
  schemaDraftInferred,
  schemaUnknownFormat,
  patternNotLinear,
  exampleInvalid,
  eventVersionsConflict,
  eventNoSchema,
  compatibilityRule,
  scenarioUnknownEvent,
  scenarioUnknownCommand,
  scenarioDataInvalid,
  scenarioOffModel,
  scenarioDuplicateName,
];
