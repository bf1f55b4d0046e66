// One line of `ott-ops aws doctor`: what was checked, whether it is fine, and — when not — what the operator does next.

export type CheckStatus = 'ok' | 'warning' | 'problem';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What to do about it; present for every warning and problem. */
  fix?: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
export const warning = (check: string, detail: string, fix: string): CheckResult => ({ check, status: 'warning', detail, fix });
export const problem = (check: string, detail: string, fix: string): CheckResult => ({ check, status: 'problem', detail, fix });

const MARK: Record<CheckStatus, string> = { ok: 'ok     ', warning: 'warning', problem: 'PROBLEM' };

export function renderResults(results: readonly CheckResult[]): string {
  const lines = results.flatMap((result) => [`${MARK[result.status]}  ${result.check}: ${result.detail}`, ...(result.fix ? [`         → ${result.fix}`] : [])]);
  const problems = results.filter((result) => result.status === 'problem').length;
  const warnings = results.filter((result) => result.status === 'warning').length;
  const summary = problems === 0 ? `Ready to deploy (${warnings} warning${warnings === 1 ? '' : 's'}).` : `${problems} problem${problems === 1 ? '' : 's'} to fix before deploying.`;
  return `${lines.join('\n')}\n\n${summary}\n`;
}
