import { CheckItemInput, inspect, judgeItem } from './inspection';

const at = new Date('2026-12-04T03:30:00Z');
const items: CheckItemInput[] = [
  { code: 'kitchen-floor', category: 'hygiene', description: '后厨地面', passed: true },
  { code: 'cold-room', category: 'storage-temperature', description: '冷藏库', storage: 'chilled', measuredCelsius: 4 },
  { code: 'cert-zhang', category: 'health-certificate', description: '健康证', holderName: '张师傅', certificateExpiresOn: '2027-03-01' },
  { code: 'samples', category: 'sample-retention', description: '留样', retainedHours: 48, sampleGrams: 150 },
];

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('a food-safety inspection (食品安全检查)', () => {
  it('passes with a score of 100 when every item passes', () => {
    const inspection = inspect({ id: 'i-1', agencyId: 'a', canteenId: 'c', operator: { vendorId: 'v', contractId: 'k' }, items, photos: [], inspectedBy: 'manager-1' }, at);
    expect(inspection).toMatchObject({ passed: true, score: 100, vendorId: 'v', contractId: 'k' });
  });

  it('fails with any failed item, scoring the share passed', () => {
    const failing = [...items.slice(0, 3), { ...items[3]!, retainedHours: 24 }];
    const inspection = inspect({ id: 'i-1', agencyId: 'a', canteenId: 'c', items: failing, photos: [], inspectedBy: 'manager-1' }, at);
    expect(inspection).toMatchObject({ passed: false, score: 75 });
    expect(inspection.items[3]).toMatchObject({ passed: false, finding: 'samples kept 24 h, less than 48 h' });
  });

  it('judges storage temperatures against their limits', () => {
    expect(judgeItem({ ...items[1]!, measuredCelsius: 9 }, 1, at)).toMatchObject({ passed: false, finding: 'chilled storage at 9 °C, above 8 °C' });
    expect(judgeItem({ ...items[1]!, storage: 'frozen', measuredCelsius: -18 }, 1, at).passed).toBe(true);
    expect(judgeItem({ ...items[1]!, storage: 'hot-holding', measuredCelsius: 55 }, 1, at).passed).toBe(false);
    expect(thrown(() => judgeItem({ ...items[1]!, measuredCelsius: undefined }, 1, at))).toMatchObject({ field: 'items[1].measuredCelsius' });
  });

  it('fails a health certificate expired before the day of the inspection (China Standard Time), passes one expiring that day', () => {
    expect(judgeItem({ ...items[2]!, certificateExpiresOn: '2026-12-03' }, 2, at)).toMatchObject({ passed: false, finding: 'health certificate of 张师傅 expired on 2026-12-03' });
    expect(judgeItem({ ...items[2]!, certificateExpiresOn: '2026-12-04' }, 2, at).passed).toBe(true);
  });

  it('needs 48 hours and 125 g of each sample (留样)', () => {
    expect(judgeItem({ ...items[3]!, sampleGrams: 100 }, 3, at).passed).toBe(false);
    expect(judgeItem({ ...items[3]!, retainedHours: 47.5 }, 3, at).passed).toBe(false);
  });

  it('requires a finding for a failed hygiene item and refuses duplicates, no items, unknown categories, photos of no item', () => {
    expect(thrown(() => judgeItem({ ...items[0]!, passed: false }, 0, at))).toMatchObject({ field: 'items[0].note' });
    expect(thrown(() => inspect({ id: 'i', agencyId: 'a', canteenId: 'c', items: [items[0]!, items[0]!], photos: [], inspectedBy: 'm' }, at))).toMatchObject({ code: 'duplicate-item' });
    expect(thrown(() => inspect({ id: 'i', agencyId: 'a', canteenId: 'c', items: [], photos: [], inspectedBy: 'm' }, at))).toMatchObject({ field: 'items' });
    expect(thrown(() => judgeItem({ ...items[0]!, category: 'pests' }, 0, at))).toMatchObject({ code: 'unknown-category' });
    const photo = { fileName: 'a.jpg', contentType: 'image/jpeg', sizeBytes: 1, sha256: 'a'.repeat(64), takenAt: at.toISOString(), itemCode: 'nope' };
    expect(thrown(() => inspect({ id: 'i', agencyId: 'a', canteenId: 'c', items, photos: [photo], inspectedBy: 'm' }, at))).toMatchObject({ field: 'photos[0].itemCode' });
  });
});
