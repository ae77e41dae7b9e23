// Public surface of the analysis engine.
export * from './spec.js';
export * from './evidence.js';
export * from './measurement.js';
export * from './outcome.js';
export * from './sequential.js';
export * from './threshold-judge.js';
export * from './compare-judge.js';
export * from './burn-rate-judge.js';
export * from './truth-table.js';
export * from './engine.js';
export * from './explain.js';
export * from './defaults.js';
export * from './loop.js';
export * from './from-config.js';
