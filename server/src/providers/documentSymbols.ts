// textDocument/documentSymbol from the outline (docs/headings.md §5).

import { DocumentSymbol, Range, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import { Heading, HeadingStyle, Outline, truncateName } from '../engine';

/**
 * Icons in the Outline view. Distinct kinds let people hide a level with
 * VS Code's own outline.show* settings (enumeration points are EnumMembers).
 */
const KIND: Readonly<Record<HeadingStyle, SymbolKind>> = {
  volume: SymbolKind.Package,
  article: SymbolKind.File,
  part: SymbolKind.Module,
  chapter: SymbolKind.Namespace,
  named: SymbolKind.Namespace,
  section: SymbolKind.Class,
  item: SymbolKind.Struct,
  'paren-cn': SymbolKind.Field,
  arabic: SymbolKind.Property,
  'paren-arabic': SymbolKind.Variable,
  circled: SymbolKind.Constant,
  enumeration: SymbolKind.EnumMember,
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

export class DocumentSymbolProvider {
  /** Hierarchical symbols; `children` is left out when empty to keep the JSON lean. */
  provideDocumentSymbols(outline: Outline, maxNameLength: number): DocumentSymbol[] {
    const convert = (h: Heading): DocumentSymbol => {
      const symbol: DocumentSymbol = {
        name: truncateName(h.name, maxNameLength),
        kind: KIND[h.style],
        range: sectionRange(h),
        selectionRange: headingSpan(h),
      };
      if (h.children.length > 0) symbol.children = h.children.map(convert);
      return symbol;
    };
    return outline.roots.map(convert);
  }

  /** Flat symbols for clients without hierarchicalDocumentSymbolSupport. */
  provideSymbolInformation(outline: Outline, uri: string, maxNameLength: number): SymbolInformation[] {
    return outline.headings.map((h) => {
      const info: SymbolInformation = {
        name: truncateName(h.name, maxNameLength),
        kind: KIND[h.style],
        location: { uri, range: sectionRange(h) },
      };
      if (h.parent !== undefined) info.containerName = truncateName(h.parent.name, maxNameLength);
      return info;
    });
  }
}
