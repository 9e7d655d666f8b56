export * from './procurement.service';
export * from './procurement.config';
export { ContractExpirySweep } from './contracts/contract-expiry';
export { VendorSuspensionSweep } from './vendors/vendor-suspension-sweep';
export { creditCodeCheckCharacter } from './vendors/domain/unified-social-credit-code';
