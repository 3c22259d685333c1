// Workspace-wide search over the headings of every document: the feature
// (LSP side), its host and file-system seams, and the temporary handlers.
export { WorkspaceFeature, WorkspaceHost } from './feature';
export { WorkspaceFs } from './fs';
export { connectionHost, registerWorkspaceHandlers } from './handlers';
