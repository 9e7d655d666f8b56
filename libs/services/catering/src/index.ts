export * from './catering.service';
