// The version, written once in package.json and put here by esbuild.mjs
// (`define`); bundles built without it (tests) say 0.0.0-dev.

declare const TIGANG_VERSION: string | undefined;

export const VERSION: string = typeof TIGANG_VERSION === 'string' ? TIGANG_VERSION : '0.0.0-dev';
