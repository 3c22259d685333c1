// Workspace-wide search over the headings of every document: the feature
// (LSP side), its host and file-system seams.
export { WorkspaceFeature, WorkspaceHost } from './feature';
export { WorkspaceFs } from './fs';
export { connectionHost } from './connectionHost';
