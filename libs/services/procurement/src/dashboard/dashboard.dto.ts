import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VendorCountsByStatus {
  @ApiProperty({ description: 'May be engaged' }) active!: number;
  @ApiProperty({ description: 'Suspended for a while or until further notice' }) suspended!: number;
  @ApiProperty({ description: 'Excluded by sanction' }) blacklisted!: number;
}

export class VendorRegistryFigures {
  @ApiProperty({ description: "Vendors in the agency's registry" }) total!: number;
  @ApiProperty({ type: VendorCountsByStatus }) byStatus!: VendorCountsByStatus;
  @ApiProperty({ description: 'Vendors registered today' }) registeredToday!: number;
}

export class RecentlySuspendedVendor {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() suspendedAt!: string;
  @ApiPropertyOptional({ description: 'End of the suspension; absent: until further notice' }) until?: string;
}

/** The agency's vendor registry at a glance. */
export class DashboardView {
  @ApiProperty({ description: 'When the figures were taken' }) asOf!: string;
  @ApiProperty({ description: 'The business day (China Standard Time) "today" refers to, YYYY-MM-DD' }) businessDay!: string;
  @ApiProperty({ type: VendorRegistryFigures }) vendors!: VendorRegistryFigures;
  @ApiProperty({ type: [RecentlySuspendedVendor], description: 'The vendors suspended now, latest suspension first (at most 5)' }) recentlySuspended!: RecentlySuspendedVendor[];
}
