export { googleApiErrorInfo } from './google-api-error.ts';
export { googleOAuth } from './google-oauth.ts';
export { googleServiceAccount } from './google-service-account.ts';
