import { describe, expect, it } from 'vitest';
import type { BillingStatus } from '../api/api-types.js';
import { billingActions, checkoutOutcome, checkoutReturnUrl } from './billing-actions.js';

const onPlan = (id: 'free' | 'pro' | 'enterprise', rest: Partial<Pick<BillingStatus, 'subscribed' | 'status'>> = {}) =>
  ({ plan: { id } as NonNullable<BillingStatus['plan']>, subscribed: false, status: 'active', ...rest }) as Pick<BillingStatus, 'plan' | 'subscribed' | 'status'>;

describe('billingActions', () => {
  it('offers a payment method (the Pro plan) to the owner of a free workspace, and nothing to manage yet', () => {
    expect(billingActions(onPlan('free'), 'owner')).toEqual({ checkoutPlan: 'pro', manage: false });
  });

  it('offers managing, not a second checkout, once there is a subscription', () => {
    expect(billingActions(onPlan('pro', { subscribed: true }), 'owner')).toEqual({ checkoutPlan: null, manage: true });
  });

  it('keeps an enterprise workspace on its plan at checkout', () => {
    expect(billingActions(onPlan('enterprise'), 'owner').checkoutPlan).toBe('enterprise');
  });

  it('lets the owner of a past-due workspace reach the billing portal to pay', () => {
    expect(billingActions(onPlan('pro', { status: 'past_due' }), 'owner').manage).toBe(true);
  });

  it('offers nothing to an admin who is not the owner (the server would refuse)', () => {
    expect(billingActions(onPlan('free'), 'admin')).toEqual({ checkoutPlan: null, manage: false });
    expect(billingActions(onPlan('pro', { subscribed: true, status: 'past_due' }), 'admin')).toEqual({ checkoutPlan: null, manage: false });
  });
});

describe('coming back from Checkout', () => {
  it('returns to this page saying how it went, and reads only the outcomes it sent', () => {
    const url = checkoutReturnUrl('https://portal.example.com', 'done');
    expect(url).toBe('https://portal.example.com/usage?checkout=done');
    expect(checkoutOutcome(new URL(url).search)).toBe('done');
    expect(checkoutOutcome('?checkout=cancelled')).toBe('cancelled');
    expect(checkoutOutcome('?checkout=<script>')).toBeUndefined();
    expect(checkoutOutcome('')).toBeUndefined();
  });
});
