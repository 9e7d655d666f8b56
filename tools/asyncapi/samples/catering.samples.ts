/** Valid data for each event type of catering.events.ts beyond the canteen's own and inspection.failed, keyed by type (the AsyncAPI spec checks them). */
const canteenId = '5d2f0a8e-1b3c-4d5e-8f60-718293a4b5c6';
const vendorId = '3c1f5e7a-9b2d-4c6e-8a0f-1b3d5f7a9c2e';
const contractId = '6f4d2b0a-8e7c-4a5b-9d3f-1e0c8b6a4d2f';
const mealId = '8a6c4e2f-0b1d-4f3a-9c5e-7d9f1b3a5c7e';
const dishes = ['2b4d6f8a-0c1e-4a3b-8d5f-7a9c1e3b5d7f', '4d6f8a0c-2e1b-4c5d-9f7a-1c3e5b7d9f0a'];

export const CATERING_SAMPLES: Record<string, unknown> = {
  'houqin.catering.menu.published.v1': {
    menuId: '1e3a5c7b-9d0f-4b2d-8e4a-6c8e0a2c4e6b',
    canteenId,
    kind: 'daily',
    startsOn: '2026-12-07',
    endsOn: '2026-12-07',
    days: [{ date: '2026-12-07', period: 'lunch', dishIds: dishes }],
    vendorId,
    contractId,
    draftedBy: 'vendor-user-1',
    approvedBy: 'catering-manager',
    publishedAt: '2026-12-04T08:00:00.000Z',
  },
  'houqin.catering.meal.served.v1': {
    mealId,
    canteenId,
    serviceDate: '2026-12-07',
    period: 'lunch',
    kind: 'staff',
    dinerId: 'staff-wang',
    covers: 1,
    dishIds: dishes,
    amountFen: 1_800,
    vendorId,
    contractId,
    servedBy: 'vendor-user-1',
    servedAt: '2026-12-07T04:05:00.000Z',
  },
  'houqin.catering.meal.rated.v1': {
    mealId,
    canteenId,
    score: 4,
    comment: '红烧肉偏咸',
    vendorId,
    contractId,
    ratedBy: 'staff-wang',
    ratedAt: '2026-12-07T05:00:00.000Z',
  },
  'houqin.catering.inspection.passed.v1': {
    canteenId,
    inspectionId: '9c7e5a3b-1d2f-4e6a-8b0c-3d5f7a9b1c2e',
    vendorId,
    contractId,
    score: 100,
    items: 6,
    inspectedBy: 'manager-chen',
    inspectedAt: '2026-12-04T03:30:00.000Z',
  },
  'houqin.catering.food-waste.recorded.v1': {
    canteenId,
    serviceDate: '2026-12-07',
    period: 'lunch',
    wasteGrams: 12_500,
    mealsServed: 180,
    vendorId,
    contractId,
    recordedBy: 'vendor-user-1',
    recordedAt: '2026-12-07T06:00:00.000Z',
  },
};
