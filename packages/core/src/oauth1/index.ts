export { createOAuth1Flow } from './oauth1-flow.ts';
export type { OAuth1Flow } from './oauth1-flow.ts';
export { oauth1Consumer, oauth1Endpoints, oauth1Method } from './oauth1-endpoints.ts';
export { createOAuth1RequestSigner, createOAuth1SignedFetch } from './oauth1-signed-fetch.ts';
export type { OAuth1RequestSigner } from './oauth1-signed-fetch.ts';
export { signOAuth1Request } from './oauth1-signer.ts';
export type { OAuth1Consumer, OAuth1Token, SignOptions } from './oauth1-signer.ts';
export type { OAuth1Endpoints } from './oauth1-token-requests.ts';
export { revokeOAuth1Token } from './oauth1-revoke.ts';
