// Random values generated during an apply and never written to the Terraform state: an ephemeral
// aws_secretsmanager_random_password (AWS provider docs, "Ephemeral: aws_secretsmanager_random_password"), which only
// a write-only argument may take in.
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * Write-only arguments need Terraform 1.11 ("Ephemeral values in resources",
 * https://developer.hashicorp.com/terraform/language/resources/ephemeral); ephemeral blocks 1.10.
 */
export const WRITE_ONLY_TERRAFORM = '>= 1.11.0';

/**
 * 43 characters from [A-Za-z0-9] are valid unpadded base64 that decodes to exactly 32 bytes (43 × 6 = 258 bits), the
 * length the control plane's keys need, with about 254 bits of entropy. GetRandomPassword draws them. No punctuation:
 * the value also goes into an HTTP header an ALB listener rule compares, where `*` and `?` would be wildcards.
 */
const GENERATED_KEY = { password_length: 43, exclude_punctuation: true, include_space: false } as const;

/**
 * Declares one ephemeral random password in the stack (cdktf 0.21 has no ephemeral blocks, so it is written into the
 * stack's JSON, where Terraform reads it) and returns the expression naming it, for a write-only argument.
 */
export function ephemeralPassword(scope: Construct, name: string): string {
  const stack = TerraformStack.of(scope);
  stack.addOverride('terraform.required_version', WRITE_ONLY_TERRAFORM);
  stack.addOverride(`ephemeral.aws_secretsmanager_random_password.${name}`, { ...GENERATED_KEY });
  return `ephemeral.aws_secretsmanager_random_password.${name}.random_password`;
}
