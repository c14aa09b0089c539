import { defineToolkit } from '../../tools/index.ts';
import { googleApiErrorInfo } from '../google/index.ts';
import { googleDrive } from './provider.ts';
import { googleDriveCreateFile } from './tools/google-drive-create-file.ts';
import { googleDriveGetFile } from './tools/google-drive-get-file.ts';
import { googleDriveReadFile } from './tools/google-drive-read-file.ts';
import { googleDriveSearchFiles } from './tools/google-drive-search-files.ts';

export const googleDriveToolkit = defineToolkit({
  provider: googleDrive,
  tools: [googleDriveSearchFiles, googleDriveGetFile, googleDriveReadFile, googleDriveCreateFile],
  parseError: googleApiErrorInfo,
});
