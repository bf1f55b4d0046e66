export interface ProgressStages<Stage extends string> {
  /** A callback for one stage's own 0..1. */
  stage(name: Stage): (fraction: number) => void;
  /** Reports 0 (once) so callers see the job has started. */
  start(): void;
  /** Reports 1: the last value a caller sees on success. */
  finish(): void;
}

/**
 * Maps each stage's own 0..1 onto one overall fraction that only ever grows: stages overlap, and
 * a stage's own reports need not be monotonic.
 */
export function progressStages<Stage extends string>(onProgress: ((fraction: number) => void) | undefined, weights: Record<Stage, number>): ProgressStages<Stage> {
  const stages = Object.keys(weights) as Stage[];
  const total = stages.reduce((sum, stage) => sum + weights[stage], 0);
  const done = new Map<Stage, number>();
  let reported = -1;
  const report = (): void => {
    let sum = 0;
    for (const [stage, fraction] of done) sum += fraction * weights[stage];
    const overall = total > 0 ? Math.min(1, sum / total) : 1;
    if (overall <= reported) return;
    reported = overall;
    onProgress?.(overall);
  };
  return {
    stage: (name) => (fraction) => {
      done.set(name, Math.max(done.get(name) ?? 0, Math.min(1, Math.max(0, fraction))));
      report();
    },
    start: report,
    finish: () => {
      for (const stage of stages) done.set(stage, 1);
      report();
    },
  };
}
