import { Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailHandlers } from './audit-trail.handlers';
import { AuditTrailService } from './audit-trail.service';

@Module({ controllers: [AuditTrailController, AuditTrailHandlers], providers: [AuditTrailService] })
export class AuditTrailModule {}
