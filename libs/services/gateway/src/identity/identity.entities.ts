import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgencyStatus, UserStatus } from './domain/identity';
import type { RefreshTokenStatus } from './domain/refresh-token';

@Entity({ name: 'supervising_body' })
export class SupervisingBodyRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') code!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'agency' })
export class AgencyRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text') code!: string;
  @Column('uuid', { name: 'supervising_body_id', nullable: true }) supervisingBodyId!: string | null;
  @Column('text') status!: AgencyStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'department' })
export class DepartmentRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @Column('text') name!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'platform_user' })
export class UserRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  @Column('text') username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { array: true }) roles!: string[];
  @Column('text', { name: 'vendor_id', nullable: true }) vendorId!: string | null;
  @Column('uuid', { name: 'supervising_body_id', nullable: true }) supervisingBodyId!: string | null;
  @Column('text', { name: 'external_subject', nullable: true }) externalSubject!: string | null;
  @Column('text') status!: UserStatus;
  @Column('text', { name: 'password_hash' }) passwordHash!: string;
  // failed_attempts and locked_until (the account lock of old) are no longer read or written:
  // failed logins are counted per account and address in Redis (LoginThrottle).
  @Column('integer', { name: 'token_version' }) tokenVersion!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'disabled_at', nullable: true }) disabledAt!: Date | null;
}

@Entity({ name: 'refresh_token' })
export class RefreshTokenRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'family_id' }) familyId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { name: 'token_hash' }) tokenHash!: string;
  @Column('text') status!: RefreshTokenStatus;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @Column('timestamptz', { name: 'used_at', nullable: true }) usedAt!: Date | null;
}

/** A login session: one refresh-token family (its id is the family's), see domain/login-session.ts. */
@Entity({ name: 'login_session' })
export class LoginSessionRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('timestamptz', { name: 'began_at' }) beganAt!: Date;
  @Column('timestamptz', { name: 'last_active_at' }) lastActiveAt!: Date;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent!: string | null;
  @Column('text', { name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}

@Entity({ name: 'api_key' })
export class ApiKeyRecord {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'agency_id' }) agencyId!: string;
  @Column('text') name!: string;
  /** The first characters of the key, to recognise it in lists; never enough to use it. */
  @Column('text') prefix!: string;
  @Column('text', { name: 'key_hash' }) keyHash!: string;
  @Column('text', { array: true }) actions!: string[];
  @Column('text', { name: 'event_types', array: true }) eventTypes!: string[];
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt!: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null;
}

export const IDENTITY_ENTITIES = [SupervisingBodyRecord, AgencyRecord, DepartmentRecord, UserRecord, RefreshTokenRecord, LoginSessionRecord, ApiKeyRecord];
