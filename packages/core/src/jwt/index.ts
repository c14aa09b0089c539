export { checkJwtCredentials, jwtAuthOf } from './jwt-credentials.ts';
export { JWT_BEARER_GRANT, jwtMintFailure, mintJwtToken } from './mint-jwt-token.ts';
export type { MintJwtTokenOptions } from './mint-jwt-token.ts';
export { importPrivateKey } from './private-key.ts';
export { signAssertion } from './sign-assertion.ts';
