// The secret header that proves a request to the API's load balancer came through one of our CloudFront
// distributions. The balancer's security group admits only CloudFront's origin-facing addresses, but those are shared
// by every CloudFront customer: anyone can point a distribution of their own at the balancer and add headers of their
// choosing (an X-Forwarded-Host, or a country). So the balancer forwards only requests that carry this header with
// our value, which our distributions add as an origin custom header, and answers every other request 403
// ("Restrict access to Application Load Balancers", CloudFront Developer Guide,
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html).
// CloudFront overwrites a viewer's header of the same name with the custom header's value ("Add custom headers to
// origin requests", https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html),
// so a viewer cannot supply it through a distribution either.
import { DataAwsSecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-secret-version/index.js';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret/index.js';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version/index.js';
import { Construct } from 'constructs';
import { ephemeralPassword } from './ephemeral-password.js';

export const ORIGIN_VERIFY_HEADER = 'X-OTT-Origin-Verify';

/** The secret holding the header's value (a plain string); the provisioner task reads it to build tenant distributions. */
export const originVerifySecretName = (namePrefix: string) => `${namePrefix}/origin-verify`;

export class OriginVerify extends Construct {
  readonly secret: SecretsmanagerSecret;
  /**
   * The value, for the listener rule and the API distribution's origin header. Read back from the secret, so it is in
   * the platform stack's state (which the control plane's roles may not read, control-plane-permissions.ts), never in
   * the synthesised JSON or a log. Rotating it: docs/aws-delivery.md.
   */
  readonly value: string;

  constructor(scope: Construct, id: string, props: { namePrefix: string }) {
    super(scope, id);
    this.secret = new SecretsmanagerSecret(this, 'secret', {
      name: originVerifySecretName(props.namePrefix),
      description: `Value of the ${ORIGIN_VERIFY_HEADER} header CloudFront sends the API's load balancer`,
      recoveryWindowInDays: 7,
    });
    const version = new SecretsmanagerSecretVersion(this, 'value', {
      secretId: this.secret.id,
      secretStringWo: `\${${ephemeralPassword(this, 'origin_verify')}}`,
      secretStringWoVersion: 1,
    });
    // Read during the apply that creates the version (a data source that depends on a pending change waits for it).
    this.value = new DataAwsSecretsmanagerSecretVersion(this, 'current', { secretId: this.secret.id, dependsOn: [version] }).secretString;
  }
}
