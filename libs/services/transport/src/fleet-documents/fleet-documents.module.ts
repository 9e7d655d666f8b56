import { Module } from '@nestjs/common';
import { DocumentExpirySweep } from './document-expiry-sweep';

/** Warnings ahead of the fleet's document expiries (vehicles' insurance and 年检, drivers' licences and health checks). */
@Module({ providers: [DocumentExpirySweep] })
export class FleetDocumentsModule {}
