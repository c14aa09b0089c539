// What Google's APIs share (error envelope, bearer challenge, RFC 3339 times), used by gmail/ and google_calendar/.
export { googleAuth, googleError, rfc3339 } from './google-common.ts';
