// A problem with the operator's configuration (a missing or invalid infra.json, a wrong environment variable):
// `cdktf synth` prints its message, which says what to fix, instead of a stack trace.
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}
