import { describe, expect, it } from 'vitest';
import { formFields, payloadOf, prefill } from '../../../model/play/command-form.ts';

const schema = {
  type: 'object',
  properties: {
    orderId: { type: 'string' },
    total: { type: 'number' },
    express: { type: 'boolean' },
    method: { type: 'string', enum: ['card', 'invoice'] },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
    placedOn: { type: 'string', format: 'date' },
    note: { type: 'string' },
  },
  required: ['orderId', 'total', 'method'],
};

describe('the command form of play', () => {
  const fields = formFields(schema, 'orderId');

  it('has one input per top-level field, of the field table kinds', () => {
    expect(fields.map((f) => [f.row.name, f.widget, f.isId, f.row.required])).toEqual([
      ['orderId', 'text', true, true],
      ['total', 'number', false, true],
      ['express', 'yes-no', false, false],
      ['method', 'choice', false, true],
      ['lines', 'json', false, false],
      ['placedOn', 'text', false, false],
      ['note', 'text', false, false],
    ]);
    expect(fields.find((f) => f.row.name === 'placedOn')!.inputType).toBe('date');
  });

  it('prefills from a scenario, with a fresh id, or else from a sample the schema accepts', () => {
    expect(prefill(fields, schema, { orderId: 'o-1', total: 42.5, method: 'invoice' }, 'order-new')).toEqual({
      orderId: 'order-new',
      total: '42.5',
      express: '',
      method: 'invoice',
      lines: '',
      placedOn: '',
      note: '',
    });
    const sample = prefill(fields, schema, undefined, 'order-x');
    expect(sample.orderId).toBe('order-x');
    expect(sample.method).toBe('card');
    expect(sample.lines).toMatch(/^\[/);
  });

  it('reads the payload back, leaving empty fields out for the service to judge', () => {
    expect(
      payloadOf(fields, {
        orderId: 'o-2',
        total: '12',
        express: 'true',
        method: 'card',
        lines: '[{"sku":"a"}]',
        placedOn: '',
        note: '',
      }),
    ).toEqual({
      ok: true,
      payload: { orderId: 'o-2', total: 12, express: true, method: 'card', lines: [{ sku: 'a' }] },
    });
    expect(payloadOf(fields, { orderId: 'o-2', total: '' })).toEqual({ ok: true, payload: { orderId: 'o-2' } });
    expect(payloadOf(fields, { orderId: 'o-2', total: 'lots' })).toEqual({
      ok: false,
      field: 'total',
      message: '"total": "lots" is not a number',
    });
    expect(payloadOf(fields, { lines: '[{' })).toMatchObject({ ok: false, field: 'lines' });
  });
});
