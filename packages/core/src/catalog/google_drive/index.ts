import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { googleDrive } from './provider.ts';

export const googleDriveToolkit = defineToolkit({ provider: googleDrive, parseError: googleApiErrorInfo });
