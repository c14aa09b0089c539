import { describeGoogleLifecycle } from '../../../test/support/google-lifecycle.ts';

describeGoogleLifecycle({
  provider: 'google_drive',
  scope: 'https://www.googleapis.com/auth/drive.readonly',
  apiPath: '/drive/v3/about?fields=user',
  apiAnswer: { user: { kind: 'drive#user', displayName: 'Alice Chen', emailAddress: 'alice@example.com', me: true, permissionId: '0781532185' } },
});
