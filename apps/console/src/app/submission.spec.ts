import { ProblemError } from '@houqin/api-client';
import type { FormInstance } from 'antd';
import { InFlight, submitOnce } from './submission';

/** What a submission showed, in order. */
function recorder() {
  const shown: Array<['busy', boolean] | ['failed', string | undefined]> = [];
  return { shown, view: { busy: (busy: boolean) => shown.push(['busy', busy]), failed: (failure: string | undefined) => shown.push(['failed', failure]) } };
}

const refusedBecauseFull = () => new ProblemError(409, { type: 'urn:houqin:problem:meal-period-full', title: 'Conflict', status: 409, detail: 'lunch on 2026-12-08 is fully booked' }, 'POST', '/api/v1/catering/canteens/c/reservations');
const refusedNamingEndsAt = () =>
  new ProblemError(400, { type: 'urn:houqin:problem:validation', title: 'Bad Request', status: 400, detail: 'endsAt must be after startsAt', errors: [{ field: 'endsAt', message: 'endsAt must be after startsAt' }] }, 'POST', '/api/v1/transport/trips');

/** A form with the fields named, keeping the errors set on them (what antd's form does with setFields). */
function formWith(...names: string[]) {
  const errors: Record<string, string[]> = {};
  const form = {
    getFieldInstance: (name: Array<string | number>) => (names.includes(name.join('.')) ? {} : undefined),
    isFieldTouched: () => false,
    getFieldValue: () => undefined,
    setFields: (fields: Array<{ name: Array<string | number>; errors: string[] }>) => fields.forEach((field) => (errors[field.name.join('.')] = field.errors)),
  };
  return { form: form as unknown as FormInstance, errors };
}

describe("a form's command, sent once", () => {
  it('sends nothing a second time while the first is on its way (a double click, Enter pressed again)', async () => {
    const inFlight: InFlight = { running: false };
    const { view } = recorder();
    let sent = 0;
    const waiting: Array<() => void> = [];
    const accept = () => waiting.splice(0).forEach((resolve) => resolve());
    const send = () => {
      sent += 1;
      return new Promise<void>((resolve) => waiting.push(resolve));
    };
    const first = submitOnce(inFlight, undefined, send, view);
    const second = submitOnce(inFlight, undefined, send, view);
    accept();
    expect(await second).toBe(false);
    expect(sent).toBe(1);
    expect(await first).toBe(true);
    // Once answered, the form sends again.
    const again = submitOnce(inFlight, undefined, send, view);
    accept();
    expect(await again).toBe(true);
    expect(sent).toBe(2);
  });

  it('is busy while on its way, clears the earlier failure, and shows a refusal no field can show as the form’s failure', async () => {
    const { shown, view } = recorder();
    await submitOnce({ running: false }, undefined, () => Promise.reject(refusedBecauseFull()), view);
    expect(shown).toEqual([['busy', true], ['failed', undefined], ['failed', 'lunch on 2026-12-08 is fully booked'], ['busy', false]]);
  });

  it('shows a refusal naming a field of the form beside that field, and no failure above the form', async () => {
    const { shown, view } = recorder();
    const { form, errors } = formWith('endsAt', 'startsAt');
    await submitOnce({ running: false }, form, () => Promise.reject(refusedNamingEndsAt()), view);
    expect(errors).toEqual({ endsAt: ['endsAt must be after startsAt'] });
    expect(shown.filter(([kind]) => kind === 'failed')).toEqual([['failed', undefined], ['failed', undefined]]);
  });

  it('lets the page answer a refusal its own way: nothing shown when the page dealt with it, or what it made of it', async () => {
    const dealtWith = recorder();
    const seen: unknown[] = [];
    await submitOnce({ running: false }, undefined, () => Promise.reject(refusedBecauseFull()), dealtWith.view, (error) => (seen.push(error), null));
    expect(seen).toHaveLength(1);
    expect(dealtWith.shown).toEqual([['busy', true], ['failed', undefined], ['busy', false]]);

    const retold = recorder();
    await submitOnce({ running: false }, undefined, () => Promise.reject(refusedBecauseFull()), retold.view, () => new Error('午餐已订满'));
    expect(retold.shown).toContainEqual(['failed', '午餐已订满']);
  });

  it('is free again after a refusal', async () => {
    const inFlight: InFlight = { running: false };
    const { view } = recorder();
    await submitOnce(inFlight, undefined, () => Promise.reject(new Error('network down')), view);
    expect(inFlight.running).toBe(false);
    expect(await submitOnce(inFlight, undefined, () => Promise.resolve(), view)).toBe(true);
  });
});
