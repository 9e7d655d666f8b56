export * from './procurement.service';
export * from './procurement.config';
