import { defineToolkit } from '../../tools/index.ts';
import { linear } from './provider.ts';

export const linearToolkit = defineToolkit({ provider: linear });
