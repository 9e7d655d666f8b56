import { AgencyFigures, COMPARED_FIGURES, ComparedFigure, comparisonTable, figureOf } from './comparison';
import { Section } from './section';

type Service = 'maintenance' | 'catering';
const available = (data: Record<string, unknown>): Section<Record<string, unknown>> => ({ status: 'available', data });
const down: Section<Record<string, unknown>> = { status: 'unavailable', reason: 'unreachable', detail: 'catering could not be reached (ECONNREFUSED) after 3 attempts' };

const figures: ReadonlyArray<ComparedFigure<Service>> = [
  { key: 'maintenance.open-repair-requests', service: 'maintenance', label: 'Open repair requests', path: ['openRepairRequests', 'total'], better: 'lower' },
  { key: 'catering.canteens-open', service: 'catering', label: 'Open canteens', path: ['canteens', 'byStatus', 'open'], better: 'higher' },
];

describe('the supervision comparison', () => {
  const east: AgencyFigures<Service> = { agencyId: 'east', sections: { maintenance: available({ openRepairRequests: { total: 7 } }), catering: available({ canteens: { byStatus: { open: 2 } } }) } };
  const west: AgencyFigures<Service> = { agencyId: 'west', sections: { maintenance: available({ openRepairRequests: { total: 2 } }), catering: down } };
  const north: AgencyFigures<Service> = { agencyId: 'north', sections: { maintenance: available({ openRepairRequests: { total: 2 } }), catering: available({ canteens: { byStatus: { open: 1 } } }) } };

  it('puts each figure of every agency side by side, in the order of the agencies', () => {
    const [repairs, canteens] = comparisonTable(figures, [east, west, north]);
    expect(repairs).toMatchObject({ key: 'maintenance.open-repair-requests', label: 'Open repair requests', values: [{ agencyId: 'east', value: 7 }, { agencyId: 'west', value: 2 }, { agencyId: 'north', value: 2 }] });
    expect(canteens!.values).toEqual([{ agencyId: 'east', value: 2 }, { agencyId: 'west', value: null }, { agencyId: 'north', value: 1 }]);
  });

  it('has no value (null, not 0) for an agency whose section is unavailable', () => {
    const [, canteens] = comparisonTable(figures, [west]);
    expect(canteens!.values).toEqual([{ agencyId: 'west', value: null }]);
  });

  it('names the best and the worst agencies by the direction of the figure, ties included', () => {
    const [repairs, canteens] = comparisonTable(figures, [east, west, north]);
    expect(repairs).toMatchObject({ better: 'lower', best: ['west', 'north'], worst: ['east'] });
    expect(canteens).toMatchObject({ better: 'higher', best: ['east'], worst: ['north'] });
  });

  it('names no best or worst when the values are all equal or fewer than two are known', () => {
    const [repairs] = comparisonTable(figures, [west, north]);
    expect(repairs).toMatchObject({ best: [], worst: [] });
    const [, canteens] = comparisonTable(figures, [west, north]);
    expect(canteens).toMatchObject({ best: [], worst: [] });
  });

  it('reads only numbers at the figure’s path', () => {
    expect(figureOf(available({ a: { b: 3 } }), ['a', 'b'])).toBe(3);
    expect(figureOf(available({ a: { b: '3' } }), ['a', 'b'])).toBeNull();
    expect(figureOf(available({ a: [1] }), ['a', '0'])).toBeNull();
    expect(figureOf(available({}), ['oldestOpenRepairRequest', 'ageMinutes'])).toBeNull();
    expect(figureOf(undefined, ['a'])).toBeNull();
  });

  it('compares figures of every service, each with a unique key', () => {
    const services = new Set(COMPARED_FIGURES.map((figure) => figure.service));
    expect([...services].sort()).toEqual(['catering', 'evaluation', 'maintenance', 'procurement', 'transport']);
    expect(new Set(COMPARED_FIGURES.map((figure) => figure.key)).size).toBe(COMPARED_FIGURES.length);
  });
});
