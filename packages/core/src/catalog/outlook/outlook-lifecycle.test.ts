import { describeMicrosoftLifecycle } from '../../../test/support/microsoft-lifecycle-suite.ts';
import { outlookToolkit } from './index.ts';

// Outlook's OAuth and refresh lifecycle: the Microsoft family's shared suite, with Outlook's scopes.
describeMicrosoftLifecycle(outlookToolkit.provider);
