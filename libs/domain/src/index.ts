export * from './errors';
export * from './clock';
export * from './figures';
export * from './file-attachment';
