/** libx264 speed/size trade-offs; `ultrafast` also drops to Constrained Baseline whatever the profile says. */
export type X264Preset = 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow';
