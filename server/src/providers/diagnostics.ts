// Diagnostics (docs/headings.md §7): the engine's numbering checks as LSP
// Diagnostics, with messages in the client's language, the code as a string,
// the range on the marker, and the item each was compared with.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { NumberingDiagnostic, OutlineDocument, LineRange, numberingMessage } from '../engine';
import { L10n } from '../l10n';

/** Every diagnostic's source. */
export const DIAGNOSTIC_SOURCE = 'tigang';

/** What a diagnostic carries back to the server in codeAction requests, to find its fixes again. */
export interface DiagnosticData {
  readonly code: string;
  readonly line: number;
  readonly start: number;
}

export function lspRange(r: LineRange): Diagnostic['range'] {
  return { start: { line: r.line, character: r.start }, end: { line: r.line, character: r.end } };
}

export function numberingDiagnostics(doc: OutlineDocument, found: readonly NumberingDiagnostic[], l10n: L10n): Diagnostic[] {
  return found.map((d) => {
    const diagnostic: Diagnostic = {
      range: lspRange(d),
      severity: d.severity === 'information' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
      code: d.code,
      source: DIAGNOSTIC_SOURCE,
      message: numberingMessage(d, l10n.locale),
      data: { code: d.code, line: d.line, start: d.start } satisfies DiagnosticData,
    };
    if (d.related !== undefined && d.related.length > 0) {
      diagnostic.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: lspRange(r) }, message: l10n.t('diagnostic.comparedWith') }));
    }
    return diagnostic;
  });
}
