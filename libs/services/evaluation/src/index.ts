export * from './evaluation.service';
