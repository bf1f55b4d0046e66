// The testkit restates the ports it tests structurally, because it must not depend on the control plane (which
// depends on it for tests). These lines fail `tsc` the moment a port and its restatement drift apart, so a method
// added to a port cannot go untested by its contract suite unnoticed.
import type { EmailSenderUnderTest, IdentityProviderUnderTest, ObjectStoreUnderTest } from '@ott/testkit';
import type { EmailSender, IdentityProvider, ObjectStore } from '../../src/ports.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const objectStorePortMatches: Same<ObjectStore, ObjectStoreUnderTest> = true;
export const identityProviderPortMatches: Same<IdentityProvider, IdentityProviderUnderTest> = true;
export const emailSenderPortMatches: Same<EmailSender, EmailSenderUnderTest> = true;
