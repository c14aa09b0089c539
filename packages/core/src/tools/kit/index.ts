// Helpers for writing tools, the built-in ones and an app's own alike.
export { dateTimeWithOffset, emailAddress, emailList, hasOffset, isDate, isDateTime, pathSegment } from './fields.ts';
export { path } from './path.ts';
export { mapLimit } from './map-limit.ts';
export { compact, decodeHtmlEntities, htmlToText, truncate } from './text.ts';
export { graphqlErrorInfo, graphqlFailure, graphqlRequest } from './graphql-request.ts';
export type { GraphqlRequestOptions } from './graphql-request.ts';
