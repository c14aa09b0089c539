import { defineToolkit } from '../../tools/index.ts';
import { graphApiErrorInfo } from '../microsoft/index.ts';
import { onedrive } from './provider.ts';
import { onedriveGetFile } from './tools/onedrive-get-file.ts';
import { onedriveListFolder } from './tools/onedrive-list-folder.ts';
import { onedriveSearchFiles } from './tools/onedrive-search-files.ts';
import { onedriveUploadFile } from './tools/onedrive-upload-file.ts';

export const onedriveToolkit = defineToolkit({
  provider: onedrive,
  tools: [onedriveSearchFiles, onedriveListFolder, onedriveGetFile, onedriveUploadFile],
  parseError: graphApiErrorInfo,
});
