export * from './procurement.service';
export * from './procurement.config';
export { ContractExpirySweep } from './contracts/contract-expiry';
export { VendorSuspensionSweep } from './vendors/vendor-suspension-sweep';
