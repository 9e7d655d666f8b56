export * from './procurement.service';
