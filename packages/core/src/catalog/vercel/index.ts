import { defineToolkit } from '../../tools/index.ts';
import { vercel } from './provider.ts';

export const vercelToolkit = defineToolkit({ provider: vercel });
