import { describe, expect, it } from 'vitest';
import { welcomeSteps } from './welcome-steps.js';

const fresh = { ready: true, hasVideo: false, readyVideoId: undefined, branded: false, hasViewer: false };

describe('the welcome checklist', () => {
  it('starts with the upload, and ticks each step from what the workspace holds', () => {
    expect(welcomeSteps(fresh).map((step) => step.done)).toEqual([false, false, false, false]);
    const later = welcomeSteps({ ...fresh, hasVideo: true, readyVideoId: 'v1', hasViewer: true });
    expect(later.map((step) => step.done)).toEqual([true, true, false, true]);
    expect(later[1]?.action).toEqual({ label: 'Open your video', to: '/videos/v1' });
  });
});
