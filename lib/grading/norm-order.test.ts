import { describe, expect, it } from 'vitest';
import { checkNormOrder, residualNormOrders } from './norm-order.ts';
import { flatDecoder, graded, template } from './testing/graded-designs.ts';

describe('residualNormOrders', () => {
  it('reads Add & Norm as post-LN and a norm before the sublayer as pre-LN, inside blocks', () => {
    expect([...residualNormOrders(template('tiny-transformer')).values()]).toEqual(Array(5).fill('post-ln'));
    expect(Object.fromEntries(residualNormOrders(template('tiny-decoder-language-model')))).toEqual({ 'decoder.add1': 'pre-ln', 'decoder.add2': 'pre-ln' });
  });

  it('tells the three orders apart on hand-built sums: pre-LN despite a final norm, post-LN with a separate norm, none', () => {
    expect(residualNormOrders(flatDecoder({ norm: 'pre-ln' })).get('sum')).toBe('pre-ln');
    expect(residualNormOrders(flatDecoder({ norm: 'post-ln' })).get('sum')).toBe('post-ln');
    expect(residualNormOrders(flatDecoder({ norm: 'none' })).get('sum')).toBe('none');
  });
});

describe('norm-order', () => {
  it('passes the wanted order and fails the other', () => {
    expect(checkNormOrder(graded(template('tiny-pre-ln-transformer')), 'pre-ln')).toMatchObject({ passed: true, measured: 5, detail: '5 of 5 residual sums pre-LN' });
    expect(checkNormOrder(graded(template('tiny-transformer')), 'post-ln')).toMatchObject({ passed: true, measured: 5 });
    const m = checkNormOrder(graded(template('tiny-transformer')), 'pre-ln');
    expect(m).toMatchObject({ passed: false, measured: 0 });
    expect(m.detail).toMatch(/^0 of 5 residual sums pre-LN; post-LN: 'encoder\.addNorm1', /);
  });

  it('fails sums without a norm, and a design without residual sums', () => {
    expect(checkNormOrder(graded(flatDecoder({ norm: 'none' })), 'post-ln')).toMatchObject({ passed: false, detail: "0 of 1 residual sum post-LN; without a layer norm: 'sum'" });
    expect(checkNormOrder(graded(template('tiny-lstm-baseline')), 'pre-ln')).toMatchObject({ passed: false, measured: 0 });
  });
});
