// Workspace-wide search over the headings of every document (issue 4).
export { WorkspaceFeature } from './feature';
