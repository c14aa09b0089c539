import type { OnBehalf } from '@onbehalf/core';

/** The part of `OnBehalf` the adapter uses: it depends on `ob.tools` alone. */
export type ToolsApi = Pick<OnBehalf, 'tools'>;
export type { ToolSpec } from '@onbehalf/core';
