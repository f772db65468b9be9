/** Publisher history (pure): see docs/history.md. */
export * from './types';
export * from './versions';
export * from './releases';
export * from './identity';
export * from './compute';
export * from './wording';
