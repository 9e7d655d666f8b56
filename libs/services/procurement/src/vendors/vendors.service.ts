import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventData, EventEnvelope, EventOrigin, SanctionedVendorReinstated, VendorRegistered, VendorSanctioned } from '@houqin/contracts';
import { Clock, DuplicateError, NotFoundError } from '@houqin/domain';
import { Outbox } from '@houqin/messaging';
import { isUniqueViolation } from '@houqin/persistence';
import { Caller } from '@houqin/observability';
import { CLOCK, eventOrigin } from '@houqin/service-kit';
import { VendorWithQualifications } from './domain/eligibility';
import { Qualification, addQualification } from './domain/qualification';
import { applySanction, endSanction } from './domain/sanction';
import {
  Reinstated,
  Vendor,
  blacklistVendor,
  endLapsedSuspension,
  liftBlacklisting,
  registerVendor,
  reinstateEarly,
  suspendVendor,
} from './domain/vendor';
import { QualificationRecord } from './qualification.entity';
import { AddQualificationDto, RegisterVendorDto, SuspendVendorDto, VendorDecisionDto } from './vendor.dto';
import { VENDOR_CREDIT_CODE_UNIQUE } from './vendor.entity';
import { blacklistedEvent, reinstatedEvent, suspendedEvent } from './vendor-events';
import { LoadedVendor, VendorRepository } from './vendor.repository';

/** Use cases: load, apply the domain rule, save the change and its event in one transaction. */
@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly vendors: VendorRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
        if (await this.vendors.creditCodeTaken(manager, vendor.agencyId, vendor.unifiedSocialCreditCode)) {
          throw duplicateRegistration(vendor.unifiedSocialCreditCode);
        }
        await this.vendors.insert(manager, vendor);
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

  /** A suspension that has ended is recorded as ended first (vendor.reinstated), then the new one. */
  async suspend(caller: Caller, id: string, input: SuspendVendorDto): Promise<Vendor> {
    return this.change(caller, id, (current, origin) => {
      const suspended = suspendVendor(
        current,
        { suspendedBy: caller.userId, reason: input.reason, ...(input.until ? { until: new Date(input.until) } : {}) },
        this.clock,
      );
      return { vendor: suspended, events: [suspendedEvent(suspended, current.status, origin)] };
    });
  }

  /** A logistics manager ends a suspension early, with a reason. */
  async reinstate(caller: Caller, id: string, input: VendorDecisionDto): Promise<Vendor> {
    return this.change(caller, id, (current, origin) => {
      const outcome = reinstateEarly(current, { decidedBy: caller.userId, reason: input.reason }, this.clock);
      return { vendor: outcome.vendor, events: [reinstatedEvent(outcome, origin)] };
    });
  }

  /** An agency admin blacklists the vendor, with a reason. */
  async blacklist(caller: Caller, id: string, input: VendorDecisionDto): Promise<Vendor> {
    return this.change(caller, id, (current, origin) => {
      const blacklisted = blacklistVendor(current, { decidedBy: caller.userId, reason: input.reason }, this.clock);
      return { vendor: blacklisted, events: [blacklistedEvent(blacklisted, current.status, origin)] };
    });
  }

  /** An agency admin lifts the blacklisting, with a reason. */
  async liftBlacklisting(caller: Caller, id: string, input: VendorDecisionDto): Promise<Vendor> {
    return this.change(caller, id, (current, origin) => {
      const outcome = liftBlacklisting(current, { decidedBy: caller.userId, reason: input.reason }, this.clock);
      return { vendor: outcome.vendor, events: [reinstatedEvent(outcome, origin)] };
    });
  }

  /**
   * One change to one vendor: loaded under its row lock, a suspension that has ended recorded as
   * ended (its vendor.reinstated first), the decision applied, saved with its events.
   */
  private async change(
    caller: Caller,
    id: string,
    decide: (current: Vendor, origin: EventOrigin) => { vendor: Vendor; events: EventEnvelope[] },
  ): Promise<Vendor> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.vendors.load(manager, caller, id, { forUpdate: true });
      const origin = eventOrigin(caller);
      const lapsed = endLapsedSuspension(loaded.vendor, this.clock.now());
      const current = lapsed?.vendor ?? loaded.vendor;
      const { vendor, events } = decide(current, origin);
      await this.vendors.save(manager, vendor, loaded);
      await this.outbox.append(manager, [...(lapsed ? [reinstatedEvent(lapsed, origin)] : []), ...events]);
      return vendor;
    });
  }

  /**
   * Ends one claimed suspension whose end has come, in the sweep's transaction: the vendor is
   * active again and vendor.reinstated goes out with it.
   */
  async endSuspension(manager: EntityManager, loaded: LoadedVendor, now: Date): Promise<Reinstated | undefined> {
    const ended = endLapsedSuspension(loaded.vendor, now);
    if (!ended) return undefined;
    await this.vendors.save(manager, ended.vendor, loaded);
    await this.outbox.append(manager, reinstatedEvent(ended, eventOrigin({ agencyId: ended.vendor.agencyId })));
    return ended;
  }

  /** A vendor account sees its own vendor only: any other answers 404, like one of another agency. */
  async get(caller: Caller, id: string): Promise<VendorWithQualifications> {
    const actingFor = vendorActedFor(caller);
    if (actingFor !== undefined && actingFor !== id) throw new NotFoundError('vendor', id);
    const { vendor } = await this.vendors.load(this.dataSource.manager, caller, id, { forUpdate: false });
    return { ...this.asNow(vendor), qualifications: await this.qualifications(this.dataSource.manager, caller.agencyId, id) };
  }

  /** Qualification documents (资质) qualify the vendor for a category of work until they expire. */
  async addQualification(caller: Caller, id: string, input: AddQualificationDto): Promise<VendorWithQualifications> {
    return this.dataSource.transaction(async (manager) => {
      const { vendor } = await this.vendors.load(manager, caller, id, { forUpdate: true });
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

  /** The vendor with its qualifications, as tendering checks eligibility. */
  async qualifiedVendor(manager: EntityManager, agencyId: string, id: string): Promise<VendorWithQualifications> {
    const { vendor } = await this.vendors.load(manager, { agencyId }, id, { forUpdate: false });
    return { ...vendor, qualifications: await this.qualifications(manager, agencyId, id) };
  }

  /**
   * A sanction decided by evaluation, in the inbox transaction of its event: the vendor is
   * suspended for the period or blacklisted. The inbox drops a redelivered event; a sanction the
   * vendor already carries changes nothing either. A vendor unknown to this agency's registry is
   * left alone (evaluation may sanction a vendor procurement never registered).
   */
  async applySanction(manager: EntityManager, event: EventEnvelope<EventData<typeof VendorSanctioned>>): Promise<void> {
    const { data } = event;
    const loaded = await this.vendors.find(manager, event.agencyid, data.vendorId, { forUpdate: true });
    if (!loaded) return;
    const origin = { agencyId: event.agencyid, correlationId: event.correlationid, causationId: event.id };
    const lapsed = endLapsedSuspension(loaded.vendor, this.clock.now());
    const current = lapsed?.vendor ?? loaded.vendor;
    const outcome = applySanction(current, {
      kind: data.kind,
      reason: data.reason,
      from: new Date(data.from),
      ...(data.until ? { until: new Date(data.until) } : {}),
      decidedBy: data.decidedBy,
    });
    const events: EventEnvelope[] = lapsed ? [reinstatedEvent(lapsed, origin)] : [];
    const { vendor } = outcome;
    if (outcome.changed && vendor.status === 'blacklisted' && vendor.blacklisting) {
      events.push(blacklistedEvent({ ...vendor, status: 'blacklisted', blacklisting: vendor.blacklisting }, outcome.previousStatus, origin));
    } else if (outcome.changed && vendor.status === 'suspended' && vendor.suspension) {
      events.push(suspendedEvent({ ...vendor, status: 'suspended', suspension: vendor.suspension }, outcome.previousStatus, origin));
    }
    if (events.length === 0) return;
    await this.vendors.save(manager, vendor, loaded);
    await this.outbox.append(manager, events);
  }

  /**
   * Evaluation ended one of its sanctions (in the inbox transaction): the vendor is reinstated if
   * its current bar is that sanction; the registry's own sweep may have ended it already at its end.
   */
  async applySanctionEnded(manager: EntityManager, event: EventEnvelope<EventData<typeof SanctionedVendorReinstated>>): Promise<void> {
    const { data } = event;
    const loaded = await this.vendors.find(manager, event.agencyid, data.vendorId, { forUpdate: true });
    if (!loaded) return;
    const outcome = endSanction(loaded.vendor, {
      kind: data.kind,
      cause: data.cause,
      from: new Date(data.from),
      ...(data.until ? { until: new Date(data.until) } : {}),
      reason: data.reason,
      by: data.reinstatedBy,
      at: new Date(data.reinstatedAt),
    });
    if (!outcome) return;
    await this.vendors.save(manager, outcome.vendor, loaded);
    await this.outbox.append(manager, reinstatedEvent(outcome, { agencyId: event.agencyid, correlationId: event.correlationid, causationId: event.id }));
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
    const vendors = await this.vendors.list(this.dataSource.manager, caller.agencyId, { limit, ...(actingFor !== undefined ? { onlyId: actingFor } : {}) });
    return vendors.map((vendor) => this.asNow(vendor));
  }

  /**
   * The vendor as it stands now: a suspension whose end has come reads as ended even before the
   * sweep records it, by the same rule as eligibility.
   */
  private asNow(vendor: Vendor): Vendor {
    return endLapsedSuspension(vendor, this.clock.now())?.vendor ?? vendor;
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
