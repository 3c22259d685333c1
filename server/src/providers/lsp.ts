// Conversions from the heading model to LSP types, shared by the providers
// (and the workspace symbols): one place decides what a section's range is.

import { Range, SymbolKind } from 'vscode-languageserver';
import { Heading, HeadingStyle } from '../engine';

/**
 * Icons in the Outline view. Distinct kinds let people hide a level with
 * VS Code's own outline.show* settings (enumeration points are EnumMembers).
 */
const KIND: Readonly<Record<HeadingStyle, SymbolKind>> = {
  volume: SymbolKind.Package,
  // Not File: VS Code's breadcrumbs would call a 篇 "(file)". Module, as the part beside it at rank 2.
  article: SymbolKind.Module,
  part: SymbolKind.Module,
  chapter: SymbolKind.Namespace,
  named: SymbolKind.Namespace,
  section: SymbolKind.Class,
  item: SymbolKind.Struct,
  'paren-cn': SymbolKind.Field,
  arabic: SymbolKind.Property,
  'paren-arabic': SymbolKind.Variable,
  stem: SymbolKind.Key,
  circled: SymbolKind.Constant,
  enumeration: SymbolKind.EnumMember,
  // A user rule's headings (tigang.customRules): a kind of their own, so outline.showInterfaces shows or hides them together.
  custom: SymbolKind.Interface,
};

export function symbolKind(style: HeadingStyle): SymbolKind {
  return KIND[style];
}

/** The whole section: from the start of the heading line to its last non-blank line. */
export function sectionRange(h: Heading): Range {
  return { start: { line: h.line, character: 0 }, end: { line: h.endLine, character: h.endCharacter } };
}

/** The marker and title on the heading line. */
export function headingSpan(h: Heading): Range {
  return { start: { line: h.line, character: h.start }, end: { line: h.line, character: h.titleEnd } };
}
