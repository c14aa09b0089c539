import { describeMicrosoftLifecycle } from '../../../test/support/microsoft-lifecycle-suite.ts';
import { microsoftCalendarToolkit } from './index.ts';

// Microsoft Calendar's OAuth and refresh lifecycle: the Microsoft family's shared suite, with its scopes.
describeMicrosoftLifecycle(microsoftCalendarToolkit.provider);
