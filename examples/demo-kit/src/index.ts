export { OFFLINE_MODEL_LABEL, helpText, planToolCalls, summarize } from './offline-planner.ts';
export type { PlannedCall, ToolOutcome } from './offline-planner.ts';
export { renderDemoPage } from './demo-page.ts';
export type { DemoPageOptions } from './demo-page.ts';
export { createEnvironment } from './environment.ts';
export type { Environment } from './environment.ts';
export { runHeadlessStory } from './headless-story.ts';
export type { StoryOptions, StoryResult } from './headless-story.ts';
