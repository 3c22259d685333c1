// Requests beyond LSP that the Tigang client uses. Other editors can call
// them too; the types are shared by server and client.

/** `tigang/outline`: the outline of an open document with section statistics, for the 提纲 view. */
export const OutlineRequestMethod = 'tigang/outline';

export interface OutlineParams {
  textDocument: { uri: string };
}

export interface OutlineItem {
  name: string;
  style: string;
  rank: number;
  /** 0-based line of the heading. */
  line: number;
  /** Columns of the marker and title on the heading line. */
  start: number;
  titleEnd: number;
  /** 0-based last line of the section. */
  endLine: number;
  /** Non-whitespace characters in the section, its subsections included. */
  characters: number;
  children: OutlineItem[];
}

export interface OutlineResult {
  /** The document version the outline was computed from. */
  version: number;
  items: OutlineItem[];
}
