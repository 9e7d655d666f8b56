export * from './runtime';
export * from './generated';
