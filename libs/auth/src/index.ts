export * from './roles';
export * from './internal-token';
