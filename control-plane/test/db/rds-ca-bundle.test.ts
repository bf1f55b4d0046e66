import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rdsCaBundle } from '../../src/db/postgres-connection.js';

const certificates = (rdsCaBundle().match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));

describe('the vendored RDS CA bundle', () => {
  it('holds the RDS root CAs, each one a self-signed CA that has not expired', () => {
    expect(certificates.length).toBeGreaterThanOrEqual(90);
    for (const certificate of certificates) {
      expect(certificate.ca, certificate.subject).toBe(true);
      expect(certificate.subject).toMatch(/CN=Amazon RDS .*Root CA (RSA2048|RSA4096|ECC384) G1/);
      expect(certificate.verify(certificate.publicKey), certificate.subject).toBe(true);
      expect(new Date(certificate.validTo).getTime(), certificate.subject).toBeGreaterThan(Date.now());
    }
  });

  it('has a root for the large commercial regions', () => {
    const subjects = certificates.map((certificate) => certificate.subject);
    for (const region of ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']) {
      expect(subjects.some((subject) => subject.includes(`Amazon RDS ${region} Root CA RSA2048 G1`))).toBe(true);
    }
  });
});
