// The heading engine: pure TypeScript, no vscode or protocol imports.
export * from './types';
export * from './document';
export { scanLine, scanLines } from './markers';
export { buildOutline, MAX_LIST_DEPTH } from './outline';
export { OutlineCache, scanDocument, type LineEdit } from './outlineCache';
export { truncateName, foldWhitespace, NAME_CAP } from './names';
export { type LineRange, type TextEdit, applyEdits, orderEdits } from './edits';
export {
  type NumberingCode,
  type NumberingDiagnostic,
  type NumberingFix,
  type NumberingFixKind,
  type NumberingOptions,
  type NumberingSeverity,
  DEFAULT_NUMBERING_OPTIONS,
  checkNumbering,
  fixAllNumbering,
  listStarts,
  numberingFixes,
  renumberDocument,
  renumberMembers,
} from './numbering';
export { type MessageLocale, type MessageTemplate, FIX_TITLES, NUMBERING_MESSAGES, formatMessage, messageKey, numberingMessage } from './numberingMessages';
export { type MarkerForm, type NumeralForm, type NumeralKind, markerForm, readWrittenNumeral, writeMarker, writeNumeral } from './numerals';
export {
  STRUCTURE_OPERATIONS,
  STRUCTURE_REFUSALS,
  editStructure,
  headingOnLine,
  sectionAt,
  sectionText,
  sectionTextRange,
  structureRefusals,
  type StructureAnswer,
  type StructureOperation,
  type StructureOptions,
  type StructureRefusal,
  type StructureRequest,
  type TextRange,
} from './structure';

import { OutlineDocument } from './document';
import { buildOutline } from './outline';
import { scanDocument } from './outlineCache';
import { DEFAULT_OPTIONS, Outline, OutlineOptions } from './types';

/** The outline of a document, computed from scratch. */
export function parseOutline(doc: OutlineDocument, options: OutlineOptions = DEFAULT_OPTIONS): Outline {
  const quotations: number[] = [];
  const markers = scanDocument(doc, options.rules, quotations);
  return buildOutline(doc, markers, options, undefined, quotations);
}
// User-defined rules (§10).
export { type CompiledRules, type CustomRule, type CustomRuleSetting, type RuleError, type RuleProblem, NO_RULES, RULE_INPUT_MAX, compileRules } from './customRules';
export { LineStatistics, StatisticsCache, sectionCharacters } from './stats';
export { formatDuration, speakingSeconds } from './duration';
// References between articles (§9).
export * from './references';
export * from './referenceCache';
export * from './articles';
export { articleRenumbering, renumberArticles, withReferencesFollowing } from './renumbering';
export { firstAtOrAfterLine, partitionPoint } from './search';
