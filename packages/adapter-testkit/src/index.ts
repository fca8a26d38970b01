export * from './target.js';
export * from './harness.js';
