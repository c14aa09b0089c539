import { describeGoogleLifecycle } from '../../../test/support/google-lifecycle.ts';

describeGoogleLifecycle({
  provider: 'gmail',
  scope: 'https://www.googleapis.com/auth/gmail.readonly',
  apiPath: '/gmail/v1/users/me/profile',
  apiAnswer: { emailAddress: 'alice@example.com', messagesTotal: 5120, threadsTotal: 3100, historyId: '987654' },
});
