import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventData, EventEnvelope, VendorBlacklisted, VendorRegistered, VendorSanctioned, VendorSuspended } from '@houqin/contracts';
import { DuplicateError, NotFoundError, systemClock } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { findInAgency, isUniqueViolation } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { eventOrigin } from '@houqin/service-kit';
import { VendorWithQualifications } from './domain/eligibility';
import { Qualification, addQualification } from './domain/qualification';
import { applySanction } from './domain/sanction';
import { Vendor, registerVendor, suspendVendor } from './domain/vendor';
import { QualificationRecord } from './qualification.entity';
import { AddQualificationDto, RegisterVendorDto, SuspendVendorDto } from './vendor.dto';
import { VENDOR_CREDIT_CODE_UNIQUE, VendorRecord } from './vendor.entity';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class VendorsService {
  private readonly clock = systemClock;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly outbox: Outbox) {}

  async register(caller: Caller, input: RegisterVendorDto): Promise<Vendor> {
    const vendor = registerVendor(
      {
        id: randomUUID(),
        agencyId: caller.agencyId,
        registeredBy: caller.userId,
        name: input.name,
        unifiedSocialCreditCode: input.unifiedSocialCreditCode,
        categories: input.categories,
        contact: { name: input.contact.name, phone: input.contact.phone },
      },
      this.clock,
    );
    try {
      await this.dataSource.transaction(async (manager) => {
        const taken = await manager.exists(VendorRecord, {
          where: { agencyId: vendor.agencyId, unifiedSocialCreditCode: vendor.unifiedSocialCreditCode },
        });
        if (taken) throw duplicateRegistration(vendor.unifiedSocialCreditCode);
        await manager.insert(VendorRecord, toRecord(vendor, 1));
        await this.outbox.append(
          manager,
          VendorRegistered.create({
            subject: vendor.id,
            origin: eventOrigin(caller),
            data: {
              vendorId: vendor.id,
              name: vendor.name,
              unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
              categories: vendor.categories,
              contact: vendor.contact,
              status: 'active',
              registeredBy: vendor.registeredBy,
              registeredAt: vendor.registeredAt.toISOString(),
            },
          }),
        );
      });
    } catch (error) {
      // Two concurrent registrations of the same code both pass the check; the unique index decides.
      if (isUniqueViolation(error, VENDOR_CREDIT_CODE_UNIQUE)) throw duplicateRegistration(vendor.unifiedSocialCreditCode);
      throw error;
    }
    return vendor;
  }

  async suspend(caller: Caller, id: string, input: SuspendVendorDto): Promise<Vendor> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.load(manager, caller, id, true);
      const suspended = suspendVendor(
        current.vendor,
        { suspendedBy: caller.userId, reason: input.reason, ...(input.until ? { until: new Date(input.until) } : {}) },
        this.clock,
      );
      const { suspension } = suspended;
      await manager.update(VendorRecord, { id, version: current.version }, toRecord(suspended, current.version + 1));
      await this.outbox.append(
        manager,
        VendorSuspended.create({
          subject: id,
          origin: eventOrigin(caller),
          data: {
            vendorId: id,
            name: suspended.name,
            unifiedSocialCreditCode: suspended.unifiedSocialCreditCode,
            categories: suspended.categories,
            status: 'suspended',
            previousStatus: current.vendor.status,
            reason: suspension.reason,
            suspendedBy: suspension.suspendedBy,
            suspendedAt: suspension.suspendedAt.toISOString(),
            ...(suspension.until ? { suspendedUntil: suspension.until.toISOString() } : {}),
          },
        }),
      );
      return suspended;
    });
  }

  /** A vendor account sees its own vendor only: any other answers 404, like one of another agency. */
  async get(caller: Caller, id: string): Promise<VendorWithQualifications> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && actingFor !== id) throw new NotFoundError('vendor', id);
    const { vendor } = await this.load(this.dataSource.manager, caller, id, false);
    return { ...vendor, qualifications: await this.qualifications(this.dataSource.manager, caller.agencyId, id) };
  }

  /** Qualification documents (资质) qualify the vendor for a category of work until they expire. */
  async addQualification(caller: Caller, id: string, input: AddQualificationDto): Promise<VendorWithQualifications> {
    return this.dataSource.transaction(async (manager) => {
      const { vendor } = await this.load(manager, caller, id, true);
      const qualification = addQualification(
        vendor,
        {
          id: randomUUID(),
          addedBy: caller.userId,
          kind: input.kind,
          number: input.number,
          category: input.category,
          issuedOn: new Date(input.issuedOn),
          expiresOn: new Date(input.expiresOn),
        },
        this.clock,
      );
      await manager.insert(QualificationRecord, { ...qualification, agencyId: caller.agencyId });
      return { ...vendor, qualifications: await this.qualifications(manager, caller.agencyId, id) };
    });
  }

  /** The vendor with its qualifications, as tendering checks eligibility; locked when the caller changes related state. */
  async qualifiedVendor(manager: EntityManager, agencyId: string, id: string): Promise<VendorWithQualifications> {
    const record = await findInAgency(manager, VendorRecord, { id, agencyId, aggregate: 'vendor', forUpdate: false });
    return { ...toDomain(record), qualifications: await this.qualifications(manager, agencyId, id) };
  }

  /**
   * A sanction decided by evaluation, in the inbox transaction of its event: the vendor is
   * suspended for the period or blacklisted. The inbox drops a redelivered event; a sanction the
   * vendor already carries changes nothing either. A vendor unknown to this agency's registry is
   * left alone (evaluation may sanction a vendor procurement never registered).
   */
  async applySanction(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSanctioned>>): Promise<void> {
    const { data } = event;
    const record = await manager.findOne(VendorRecord, { where: { id: data.vendorId, agencyId: event.agencyid }, lock: { mode: 'pessimistic_write' } });
    if (!record) return;
    const outcome = applySanction(toDomain(record), {
      kind: data.kind,
      reason: data.reason,
      from: new Date(data.from),
      ...(data.until ? { until: new Date(data.until) } : {}),
      decidedBy: data.decidedBy,
    });
    if (!outcome.changed) return;
    const vendor = outcome.vendor;
    await manager.update(VendorRecord, { id: vendor.id, version: record.version }, toRecord(vendor, record.version + 1));
    const origin = { agencyId: event.agencyid, correlationId: event.correlationid, causationId: event.id };
    if (vendor.status === 'blacklisted' && vendor.blacklisting) {
      await this.outbox.append(
        manager,
        VendorBlacklisted.create({
          subject: vendor.id,
          origin,
          data: {
            vendorId: vendor.id,
            name: vendor.name,
            status: 'blacklisted',
            previousStatus: outcome.previousStatus,
            reason: vendor.blacklisting.reason,
            decidedBy: vendor.blacklisting.decidedBy,
            blacklistedAt: vendor.blacklisting.from.toISOString(),
          },
        }),
      );
    } else if (vendor.suspension) {
      const { suspension } = vendor;
      await this.outbox.append(
        manager,
        VendorSuspended.create({
          subject: vendor.id,
          origin,
          data: {
            vendorId: vendor.id,
            name: vendor.name,
            unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
            categories: vendor.categories,
            status: 'suspended',
            previousStatus: outcome.previousStatus,
            reason: suspension.reason,
            suspendedBy: suspension.suspendedBy,
            suspendedAt: suspension.suspendedAt.toISOString(),
            ...(suspension.until ? { suspendedUntil: suspension.until.toISOString() } : {}),
          },
        }),
      );
    }
  }

  private async qualifications(manager: EntityManager, agencyId: string, vendorId: string): Promise<Qualification[]> {
    const records = await manager.find(QualificationRecord, { where: { agencyId, vendorId }, order: { expiresOn: 'DESC' } });
    return records.map((record) => ({
      id: record.id,
      vendorId: record.vendorId,
      kind: record.kind,
      number: record.number,
      category: record.category,
      issuedOn: record.issuedOn,
      expiresOn: record.expiresOn,
      addedBy: record.addedBy,
      addedAt: record.addedAt,
    }));
  }

  async list(caller: Caller, limit: number): Promise<Vendor[]> {
    const actingFor = vendorActedFor(caller);
    const records = await this.dataSource.manager.find(VendorRecord, {
      where: { agencyId: caller.agencyId, ...(actingFor !== undefined ? { id: actingFor } : {}) },
      order: { registeredAt: 'DESC' },
      take: limit,
    });
    return records.map(toDomain);
  }

  /** Another agency's vendor is reported as not found: existence must not leak across agencies. */
  private async load(manager: EntityManager, caller: Caller, id: string, forUpdate: boolean): Promise<{ vendor: Vendor; version: number }> {
    const record = await findInAgency(manager, VendorRecord, { id, agencyId: caller.agencyId, aggregate: 'vendor', forUpdate });
    return { vendor: toDomain(record), version: record.version };
  }
}

/**
 * The vendor a vendor account acts for (the nil id, matching no vendor, when it names none or not
 * an id); undefined for everyone else, who see the agency's whole registry.
 */
function vendorActedFor(caller: Caller): string | undefined {
  if (!caller.roles.includes('vendor')) return undefined;
  return caller.vendorId && /^[0-9a-f-]{36}$/i.test(caller.vendorId) ? caller.vendorId : '00000000-0000-0000-0000-000000000000';
}

function duplicateRegistration(code: string): DuplicateError {
  return new DuplicateError('vendor', 'unifiedSocialCreditCode', `a vendor with unified social credit code ${code} is already registered in this agency`);
}



function toRecord(vendor: Vendor, version: number): VendorRecord {
  return {
    id: vendor.id,
    agencyId: vendor.agencyId,
    name: vendor.name,
    unifiedSocialCreditCode: vendor.unifiedSocialCreditCode,
    categories: vendor.categories,
    contact: vendor.contact,
    status: vendor.status,
    registeredBy: vendor.registeredBy,
    registeredAt: vendor.registeredAt,
    suspensionReason: vendor.suspension?.reason ?? null,
    suspendedBy: vendor.suspension?.suspendedBy ?? null,
    suspendedAt: vendor.suspension?.suspendedAt ?? null,
    suspendedUntil: vendor.suspension?.until ?? null,
    suspensionBySanction: vendor.suspension?.bySanction ?? false,
    blacklistReason: vendor.blacklisting?.reason ?? null,
    blacklistedBy: vendor.blacklisting?.decidedBy ?? null,
    blacklistedAt: vendor.blacklisting?.from ?? null,
    version,
  };
}

function toDomain(record: VendorRecord): Vendor {
  return {
    id: record.id,
    agencyId: record.agencyId,
    name: record.name,
    unifiedSocialCreditCode: record.unifiedSocialCreditCode,
    categories: record.categories,
    contact: record.contact,
    status: record.status,
    registeredBy: record.registeredBy,
    registeredAt: record.registeredAt,
    ...(record.suspendedAt && record.suspensionReason && record.suspendedBy
      ? {
          suspension: {
            reason: record.suspensionReason,
            suspendedBy: record.suspendedBy,
            suspendedAt: record.suspendedAt,
            ...(record.suspendedUntil ? { until: record.suspendedUntil } : {}),
            ...(record.suspensionBySanction ? { bySanction: true } : {}),
          },
        }
      : {}),
    ...(record.blacklistedAt && record.blacklistReason && record.blacklistedBy
      ? { blacklisting: { reason: record.blacklistReason, decidedBy: record.blacklistedBy, from: record.blacklistedAt } }
      : {}),
  };
}
