export { checkRequestAgainstSpec } from './check-request-against-spec.ts';
export { notionBody, checkNotionRequest } from './notion-spec-check.ts';
export type { NotionBodies } from './notion-spec-check.ts';
export { SPEC_CATALOG } from './spec-catalog.ts';
export type { SpecName } from './spec-catalog.ts';
export { findSpecsDir, loadSpecFile } from './load-spec.ts';
export type { SpecCheckRequest, SpecCheckResult } from './spec-check-types.ts';
