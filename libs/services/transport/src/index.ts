export * from './transport.service';
