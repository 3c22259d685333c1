// Entry of dist/extension.js (bundled by esbuild.mjs).
export { activate, deactivate } from './extension';
