export * from './maintenance.service';
