import { describeMicrosoftLifecycle } from '../../../test/support/microsoft-lifecycle-suite.ts';
import { onedriveToolkit } from './index.ts';

// OneDrive's OAuth and refresh lifecycle: the Microsoft family's shared suite, with its scopes.
describeMicrosoftLifecycle(onedriveToolkit.provider);
