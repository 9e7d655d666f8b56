import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ContractSigned } from '@houqin/contracts';

/** Sends a contract.signed event as procurement would publish it, keyed by the contract. */
async function publishSigned(brokers: string, agencyId: string, contractId: string, data: Parameters<typeof ContractSigned.create>[0]['data']): Promise<void> {
  const producer = new Kafka({ clientId: `fault-contracts-${agencyId}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    const signed = ContractSigned.create({ subject: contractId, origin: { agencyId, correlationId: randomUUID() }, data });
    await producer.send({ topic: ContractSigned.topic, messages: [{ key: contractId, value: JSON.stringify(signed) }] });
  } finally {
    await producer.disconnect();
  }
}

/**
 * A vendor's maintenance contract as procurement publishes it when it is signed, sent straight to the
 * fault suites' own broker (they run no tendering): urgent and high work falls due within hours,
 * normal work in a day. Maintenance projects it and assigns the agency's hvac work to the vendor.
 */
export async function publishMaintenanceContract(options: { brokers: string; agencyId: string; vendorId: string; building: string; signedBy: string }): Promise<string> {
  const contractId = randomUUID();
  const hours = (responseHours: number, resolutionHours: number) => ({ responseHours, resolutionHours });
  await publishSigned(options.brokers, options.agencyId, contractId, {
    contractId,
    agencyId: options.agencyId,
    vendorId: options.vendorId,
    vendorName: `${options.building}维修公司 ${options.vendorId.slice(0, 4)}`,
    serviceType: 'maintenance',
    title: `${options.building}维修服务`,
    scope: { description: 'Repair and upkeep', buildings: [options.building], assetCategories: ['hvac'] },
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2099-01-01T00:00:00+08:00',
    slaTerms: { serviceType: 'maintenance', priorities: { urgent: hours(1, 2), high: hours(2, 3), normal: hours(24, 72), low: hours(72, 240) } },
    penaltyRules: [{ breach: 'response-late', amount: 5_000, capPerMonth: 50_000 }],
    priceTerms: { monthlyFee: 300_000, unitRates: [] },
    signedBy: options.signedBy,
    signedAt: new Date().toISOString(),
  });
  return contractId;
}

/** A catering vendor's contract to run the agency's canteen (食堂承包经营), as procurement publishes it when signed. */
export async function publishCateringContract(options: { brokers: string; agencyId: string; vendorId: string; signedBy: string }): Promise<string> {
  const contractId = randomUUID();
  await publishSigned(options.brokers, options.agencyId, contractId, {
    contractId,
    agencyId: options.agencyId,
    vendorId: options.vendorId,
    vendorName: `膳食服务公司 ${options.vendorId.slice(0, 4)}`,
    serviceType: 'catering',
    title: '机关食堂承包经营合同',
    scope: { description: '机关食堂午餐' },
    validFrom: '2026-01-01T00:00:00+08:00',
    validTo: '2099-01-01T00:00:00+08:00',
    slaTerms: { serviceType: 'catering', minInspectionPassRate: 95, minSatisfactionScore: 4.2 },
    penaltyRules: [{ breach: 'inspection-failed', amount: 2_000_00, capPerMonth: 10_000_00 }],
    priceTerms: { monthlyFee: 4_000_00, unitRates: [] },
    signedBy: options.signedBy,
    signedAt: new Date().toISOString(),
  });
  return contractId;
}
