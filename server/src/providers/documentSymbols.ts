// textDocument/documentSymbol from the outline (docs/headings.md §5).

import { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import { Heading, Outline, truncateName } from '../engine';
import { headingSpan, sectionRange, symbolKind } from './lsp';

/** Hierarchical symbols; `children` is left out when empty to keep the JSON lean. */
export function documentSymbols(outline: Outline, maxNameLength: number): DocumentSymbol[] {
  const convert = (h: Heading): DocumentSymbol => {
    const symbol: DocumentSymbol = {
      name: truncateName(h.name, maxNameLength),
      kind: symbolKind(h.style),
      range: sectionRange(h),
      selectionRange: headingSpan(h),
    };
    if (h.children.length > 0) symbol.children = h.children.map(convert);
    return symbol;
  };
  return outline.roots.map(convert);
}

/** Flat symbols for clients without hierarchicalDocumentSymbolSupport. */
export function symbolInformation(outline: Outline, uri: string, maxNameLength: number): SymbolInformation[] {
  return outline.headings.map((h) => {
    const info: SymbolInformation = {
      name: truncateName(h.name, maxNameLength),
      kind: symbolKind(h.style),
      location: { uri, range: sectionRange(h) },
    };
    if (h.parent !== undefined) info.containerName = truncateName(h.parent.name, maxNameLength);
    return info;
  });
}
