import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ContractSigned, ContractTerminated } from '@houqin/contracts';
import { BusinessRuleViolation, DuplicateError, NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { Caller } from '@houqin/observability';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { eventOrigin } from '@houqin/service-kit';
import { RequisitionRecord } from '../requisitions/requisition.entity';
import { TenderRecord } from '../tenders/tender.entity';
import { VendorRecord } from '../vendors/vendor.entity';
import { ContractRecord } from './contract.entity';
import { CreateContractDto, TerminateContractDto } from './contract.dto';
import {
  ContractSource,
  ContractStatus,
  PriceTerms,
  ProcurementContract,
  ServiceType,
  draftContract,
  signContract,
  terminateContract,
  vendorIneligibility,
} from './domain/contract';

export interface ContractFilter {
  vendorId?: string;
  serviceType?: ServiceType;
  status?: ContractStatus;
  limit: number;
}

/** What a contract takes from a tender: its status, category and award. */
interface TenderAward {
  status: string;
  category: string;
  vendorId?: string;
  price?: number;
}

/** Use cases of service contracts: load with a row lock, apply the domain rule, save with its events in one transaction. */
@Injectable()
export class ContractsService {
  private readonly clock = systemClock;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  /** A draft from an award or a direct purchase: no event until it is signed. */
  /** One contract (in draft or signed) per award and per direct purchase: another answers 409. */
  async create(caller: Caller, input: CreateContractDto): Promise<ProcurementContract> {
    try {
      return await this.draft(caller, input);
    } catch (error) {
      if (isUniqueViolation(error, 'procurement_contract_one_per_tender')) throw new DuplicateError('contract', 'tenderId', `tender ${input.tenderId} already has a contract`);
      if (isUniqueViolation(error, 'procurement_contract_one_per_requisition')) throw new DuplicateError('contract', 'requisitionId', `requisition ${input.requisitionId} already has a contract`);
      throw error;
    }
  }

  private async draft(caller: Caller, input: CreateContractDto): Promise<ProcurementContract> {
    return this.dataSource.transaction(async (manager) => {
      if ((input.tenderId === undefined) === (input.requisitionId === undefined)) {
        throw new BusinessRuleViolation('source-required', 'give the awarded tender (tenderId) or the direct-purchase requisition (requisitionId), not both', 'tenderId');
      }
      let source: ContractSource;
      let vendorId: string;
      let priceTerms: CreateContractDto['priceTerms'] = input.priceTerms;
      if (input.tenderId !== undefined) {
        const award = await this.awardOf(manager, caller.agencyId, input.tenderId);
        if (award.status !== 'awarded' || award.vendorId === undefined || award.price === undefined) {
          throw new BusinessRuleViolation('tender-not-awarded', `tender ${input.tenderId} is ${award.status}, not awarded; a contract follows an award`, 'tenderId');
        }
        if (award.category !== input.serviceType) {
          throw new BusinessRuleViolation('service-type-mismatch', `the tender is for ${award.category} services`, 'serviceType');
        }
        if (input.vendorId !== undefined && input.vendorId !== award.vendorId) {
          throw new BusinessRuleViolation('vendor-not-awarded', 'vendorId is not the vendor the tender was awarded to', 'vendorId');
        }
        if (priceTerms?.fixedTotal !== undefined && priceTerms.fixedTotal !== award.price) {
          throw new BusinessRuleViolation('price-differs-from-award', `priceTerms.fixedTotal must be the awarded price, ${award.price} fen`, 'priceTerms.fixedTotal');
        }
        source = { tenderId: input.tenderId };
        vendorId = award.vendorId;
        priceTerms = { ...priceTerms, fixedTotal: award.price };
      } else {
        const requisitionId = input.requisitionId as string;
        const requisition = await findInAgency(manager, RequisitionRecord, { id: requisitionId, agencyId: caller.agencyId, aggregate: 'requisition', forUpdate: false });
        if (requisition.status !== 'approved') {
          throw new BusinessRuleViolation('requisition-not-approved', `requisition ${requisitionId} is ${requisition.status}, not approved`, 'requisitionId');
        }
        if (requisition.procurementMethod !== 'direct-purchase') {
          throw new BusinessRuleViolation(
            'not-direct-purchase',
            `requisition ${requisitionId} is to be bought by ${requisition.procurementMethod ?? 'an undecided method'}: its contract follows the tender's award`,
            'requisitionId',
          );
        }
        if (requisition.category !== input.serviceType) {
          throw new BusinessRuleViolation('service-type-mismatch', `the requisition is for ${requisition.category} services`, 'serviceType');
        }
        if (input.vendorId === undefined) throw new BusinessRuleViolation('vendor-required', 'a direct purchase names its vendor (vendorId)', 'vendorId');
        source = { requisitionId };
        vendorId = input.vendorId;
      }
      const vendor = await findInAgency(manager, VendorRecord, { id: vendorId, agencyId: caller.agencyId, aggregate: 'vendor', forUpdate: false });
      const ineligible = vendorIneligibility(vendor, this.clock.now());
      if (ineligible) throw new BusinessRuleViolation('vendor-not-eligible', ineligible, 'vendorId');
      const contract = draftContract(
        {
          id: randomUUID(),
          agencyId: caller.agencyId,
          createdBy: caller.userId,
          title: input.title,
          vendor: { id: vendor.id, name: vendor.name, categories: vendor.categories },
          serviceType: input.serviceType,
          source,
          scope: input.scope,
          validFrom: new Date(input.validFrom),
          validTo: new Date(input.validTo),
          priceTerms: priceTerms ?? {},
          slaTerms: { ...input.slaTerms },
          penaltyRules: input.penaltyRules ?? [],
        },
        this.clock,
      );
      await manager.insert(ContractRecord, toRecord(contract, 1));
      return contract;
    });
  }

  /** The vendor must still be eligible when it signs: its row is read under a share lock so a concurrent suspension waits. */
  async sign(caller: Caller, id: string): Promise<ProcurementContract> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const vendor = await manager
        .createQueryBuilder(VendorRecord, 'vendor')
        .setLock('pessimistic_read')
        .where('vendor.id = :id AND vendor.agencyId = :agencyId', { id: current.contract.vendorId, agencyId: caller.agencyId })
        .getOneOrFail();
      const signed = signContract(current.contract, vendor, caller.userId, this.clock);
      await this.save(manager, signed, current.version);
      await this.outbox.append(
        manager,
        ContractSigned.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(signed),
            title: signed.title,
            ...signed.source,
            scope: signed.scope,
            validFrom: signed.validFrom.toISOString(),
            validTo: signed.validTo.toISOString(),
            slaTerms: signed.slaTerms,
            penaltyRules: signed.penaltyRules,
            priceTerms: signed.priceTerms,
            signedBy: signed.signedBy as string,
            signedAt: (signed.signedAt as Date).toISOString(),
          },
        }),
      );
      return signed;
    });
  }

  async terminate(caller: Caller, id: string, input: TerminateContractDto): Promise<ProcurementContract> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const terminated = terminateContract(current.contract, { by: caller.userId, reason: input.reason }, this.clock);
      const termination = terminated.termination as NonNullable<ProcurementContract['termination']>;
      await this.save(manager, terminated, current.version);
      await this.outbox.append(
        manager,
        ContractTerminated.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            ...summary(terminated),
            validTo: terminated.validTo.toISOString(),
            reason: termination.reason,
            terminatedBy: termination.by,
            terminatedAt: termination.at.toISOString(),
          },
        }),
      );
      return terminated;
    });
  }

  /** A vendor account sees its own vendor's contracts only: any other answers 404, like one of another agency. */
  async get(caller: Caller, id: string): Promise<ProcurementContract> {
    const { contract } = await this.load(this.dataSource.manager, caller, id, false);
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && actingFor !== contract.vendorId) throw new NotFoundError('contract', id);
    return contract;
  }

  async list(caller: Caller, filter: ContractFilter): Promise<ProcurementContract[]> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && filter.vendorId !== undefined && filter.vendorId !== actingFor) return [];
    const vendorId = actingFor ?? filter.vendorId;
    const records = await this.dataSource.manager.find(ContractRecord, {
      where: {
        agencyId: caller.agencyId,
        ...(vendorId !== undefined ? { vendorId } : {}),
        ...(filter.serviceType ? { serviceType: filter.serviceType } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { createdAt: 'DESC' },
      take: filter.limit,
    });
    return records.map(toDomain);
  }

  /** The tender's status and award, or 404 when the agency has no such tender. */
  private async awardOf(manager: EntityManager, agencyId: string, tenderId: string): Promise<TenderAward> {
    const tender = await findInAgency(manager, TenderRecord, { id: tenderId, agencyId, aggregate: 'tender', forUpdate: false });
    const award = tender.details.award;
    return { status: tender.status, category: tender.category, ...(award ? { vendorId: award.vendorId, price: award.price } : {}) };
  }

  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ contract: ProcurementContract; version: number }> {
    const record = await findInAgency(manager, ContractRecord, { id, agencyId: caller.agencyId, aggregate: 'contract', forUpdate });
    return { contract: toDomain(record), version: record.version };
  }

  private async save(manager: EntityManager, contract: ProcurementContract, version: number): Promise<void> {
    await manager.update(ContractRecord, { id: contract.id, version }, toRecord(contract, version + 1));
  }
}

/**
 * The vendor a vendor account acts for (the nil id, matching no vendor, when it names none or not
 * an id); undefined for everyone else, who see all of the agency's contracts.
 */
function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId : '00000000-0000-0000-0000-000000000000';
}

function summary(contract: ProcurementContract) {
  return {
    contractId: contract.id,
    agencyId: contract.agencyId,
    vendorId: contract.vendorId,
    vendorName: contract.vendorName,
    serviceType: contract.serviceType,
  };
}

function toRecord(contract: ProcurementContract, version: number): ContractRecord {
  return {
    id: contract.id,
    agencyId: contract.agencyId,
    title: contract.title,
    vendorId: contract.vendorId,
    vendorName: contract.vendorName,
    serviceType: contract.serviceType,
    tenderId: 'tenderId' in contract.source ? contract.source.tenderId : null,
    requisitionId: 'requisitionId' in contract.source ? contract.source.requisitionId : null,
    scope: contract.scope,
    validFrom: contract.validFrom,
    validTo: contract.validTo,
    priceTerms: contract.priceTerms,
    slaTerms: contract.slaTerms,
    penaltyRules: contract.penaltyRules,
    status: contract.status,
    createdBy: contract.createdBy,
    createdAt: contract.createdAt,
    signedBy: contract.signedBy ?? null,
    signedAt: contract.signedAt ?? null,
    expiredAt: contract.expiredAt ?? null,
    termination: contract.termination ? { by: contract.termination.by, at: contract.termination.at.toISOString(), reason: contract.termination.reason } : null,
    version,
  };
}

function toDomain(record: ContractRecord): ProcurementContract {
  return {
    id: record.id,
    agencyId: record.agencyId,
    title: record.title,
    vendorId: record.vendorId,
    vendorName: record.vendorName,
    serviceType: record.serviceType,
    source: record.tenderId ? { tenderId: record.tenderId } : { requisitionId: record.requisitionId as string },
    scope: record.scope,
    validFrom: record.validFrom,
    validTo: record.validTo,
    priceTerms: record.priceTerms as PriceTerms,
    slaTerms: record.slaTerms,
    penaltyRules: record.penaltyRules,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    ...(record.signedBy ? { signedBy: record.signedBy } : {}),
    ...(record.signedAt ? { signedAt: record.signedAt } : {}),
    ...(record.expiredAt ? { expiredAt: record.expiredAt } : {}),
    ...(record.termination ? { termination: { by: record.termination.by, at: new Date(record.termination.at), reason: record.termination.reason } } : {}),
  };
}
