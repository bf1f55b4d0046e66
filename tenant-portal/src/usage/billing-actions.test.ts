import { describe, expect, it } from 'vitest';
import type { BillingStatus } from '../api/api-types.js';
import { billingActions, checkoutOutcome, checkoutReturnUrl } from './billing-actions.js';

type Status = Pick<BillingStatus, 'provider' | 'subscribed' | 'status' | 'paymentMethodOnFile'>;
const status = (rest: Partial<Status> = {}): Status => ({ provider: 'stripe', subscribed: false, status: 'active', paymentMethodOnFile: false, ...rest });

describe('billingActions', () => {
  it('offers the owner of a free workspace a plan change and a payment method, and nothing to manage yet', () => {
    expect(billingActions(status(), 'owner')).toEqual({ changePlan: true, addPaymentMethod: true, manage: false });
  });

  it('stops offering a payment method once one is on file, and offers managing with a subscription', () => {
    expect(billingActions(status({ subscribed: true, paymentMethodOnFile: true }), 'owner')).toEqual({ changePlan: true, addPaymentMethod: false, manage: true });
  });

  it('lets the owner of a past-due workspace reach the billing portal to pay', () => {
    expect(billingActions(status({ status: 'past_due' }), 'owner').manage).toBe(true);
  });

  it('offers no billing portal where the local ledger bills (there is none)', () => {
    expect(billingActions(status({ provider: 'local', subscribed: true }), 'owner').manage).toBe(false);
  });

  it('offers nothing to an admin who is not the owner (the server would refuse)', () => {
    expect(billingActions(status(), 'admin')).toEqual({ changePlan: false, addPaymentMethod: false, manage: false });
  });
});

describe('coming back from the payment provider', () => {
  it('returns to this page saying how it went, and reads only the outcomes it sent', () => {
    const url = checkoutReturnUrl('https://portal.example.com', 'done');
    expect(url).toBe('https://portal.example.com/usage?checkout=done');
    expect(checkoutOutcome(new URL(url).search)).toBe('done');
    expect(checkoutOutcome('?checkout=cancelled')).toBe('cancelled');
    expect(checkoutOutcome('?checkout=card-saved')).toBe('card-saved');
    expect(checkoutOutcome('?checkout=<script>')).toBeUndefined();
    expect(checkoutOutcome('')).toBeUndefined();
  });
});
