import { OrderOperation, budgetUse, formLineField, orderCommands, outstanding } from './purchasing-rules';

const operator = (_operation: OrderOperation) => true;

describe('the commands a purchase order offers', () => {
  it('places a draft, receives a placed or partly received order, and cancels any order not fully received', () => {
    expect(orderCommands({ status: 'draft', spent: 0 }, operator)).toEqual(['place', 'cancel']);
    expect(orderCommands({ status: 'placed', spent: 0 }, operator)).toEqual(['receive', 'invoice', 'cancel']);
    expect(orderCommands({ status: 'partially-received', spent: 5000 }, operator)).toEqual(['receive', 'invoice', 'cancel']);
    expect(orderCommands({ status: 'received', spent: 9000 }, operator)).toEqual(['invoice']);
  });

  it('takes an invoice of a cancelled order only for goods it received', () => {
    expect(orderCommands({ status: 'cancelled', spent: 0 }, operator)).toEqual([]);
    expect(orderCommands({ status: 'cancelled', spent: 1200 }, operator)).toEqual(['invoice']);
  });

  it('offers nothing the caller’s roles may not call', () => {
    expect(orderCommands({ status: 'placed', spent: 0 }, () => false)).toEqual([]);
  });
});

describe('order lines and budgets', () => {
  it('counts what is still to come: rejected goods do not use the line up', () => {
    expect(outstanding({ quantity: 10, accepted: 4 })).toBe(6);
    expect(outstanding({ quantity: 10, accepted: 10 })).toBe(0);
  });

  it('measures a budget’s use from what requisitions hold and what was spent', () => {
    expect(budgetUse({ allocated: 100_000, committed: 20_000, spent: 30_000 })).toBe(50);
    expect(budgetUse({ allocated: 100_000, committed: 80_000, spent: 40_000 })).toBe(120);
    expect(budgetUse({ allocated: 0, committed: 0, spent: 0 })).toBe(0);
  });
});

describe('a receipt’s refusals', () => {
  it('are placed on the form row of the line they name, whichever lines were sent', () => {
    expect(formLineField('lines[0].accepted', [2])).toBe('lines[2].accepted');
    expect(formLineField('body.lines[1].inspectionNotes', [0, 3])).toBe('lines[3].inspectionNotes');
    expect(formLineField('receivedDate', [0])).toBe('receivedDate');
    expect(formLineField('lines[5].line', [0])).toBe('lines[5].line');
  });
});
