import { authenticate, bearerToken, createRouter, isRecord, type MockProvider, type MockProviderContext, type MockResponse } from '../../mock-api/index.ts';
import { recordId, SALESFORCE_OBJECTS, salesforceSeed, type SalesforceRecord } from './salesforce-seed.ts';

export interface SalesforceMockState {
  /** Each user's org: records by object name. */
  org(sub: string): Record<string, SalesforceRecord[]>;
}

const VERSION_PREFIX = '/services/data/v64.0';
const error = (status: number, errorCode: string, message: string, fields?: string[]): MockResponse => ({ status, body: [{ message, errorCode, ...(fields ? { fields } : {}) }] });
const notFound = () => error(404, 'NOT_FOUND', 'The requested resource does not exist');
const attributes = (type: string, id: string) => ({ type, url: `${VERSION_PREFIX}/sobjects/${type}/${id}` });

/**
 * The SOQL the sandbox understands: `SELECT f1, f2 FROM Object [WHERE Field = 'value'] [LIMIT n]`.
 * Anything else is answered with MALFORMED_QUERY, as Salesforce answers a query it cannot parse.
 */
const SOQL = /^SELECT\s+(.+?)\s+FROM\s+([A-Za-z_][A-Za-z0-9_]*)(?:\s+WHERE\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'((?:[^'\\]|\\.)*)')?(?:\s+LIMIT\s+(\d+))?\s*$/i;

/** Salesforce's REST API for one sandbox org per user: SOQL, sObject rows, describe, limits. */
export function createSalesforceMock(context: MockProviderContext): MockProvider<SalesforceMockState> {
  const orgs = new Map<string, Record<string, SalesforceRecord[]>>();
  const counters = new Map<string, number>();
  const org = (sub: string) => {
    let found = orgs.get(sub);
    if (!found) orgs.set(sub, (found = salesforceSeed()));
    return found;
  };
  const object = (name: string) => Object.entries(SALESFORCE_OBJECTS).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const pick = (type: string, record: SalesforceRecord, fields?: string[]) => ({
    attributes: attributes(type, record.Id),
    ...Object.fromEntries((fields ?? SALESFORCE_OBJECTS[type]!.fields.map((f) => f.name)).map((f) => [f, record[f] ?? null])),
  });
  /** Field names the object has, or the first one it does not. */
  const unknownField = (type: string, names: string[]) => names.find((n) => !SALESFORCE_OBJECTS[type]!.fields.some((f) => f.name === n));

  const router = createRouter<{ sub: string }>();
  router.add('GET', `${VERSION_PREFIX}/limits`, () => ({ status: 200, body: { DailyApiRequests: { Max: 15000, Remaining: 14999 } } }));
  router.add('GET', `${VERSION_PREFIX}/query`, (request, _params, { sub }) => {
    const m = SOQL.exec((request.query.get('q') ?? '').trim());
    const found = m ? object(m[2]!) : undefined;
    if (!m || !found) return error(400, 'MALFORMED_QUERY', m ? `sObject type '${m[2]}' is not supported.` : 'unexpected token: the sandbox understands SELECT fields FROM Object [WHERE Field = \'value\'] [LIMIT n]');
    const [type] = found;
    const fields = m[1]!.split(',').map((f) => f.trim());
    const bad = unknownField(type, [...fields, ...(m[3] ? [m[3]] : [])]);
    if (bad) return error(400, 'INVALID_FIELD', `No such column '${bad}' on entity '${type}'.`);
    const rows = org(sub)[type]!.filter((r) => !m[3] || String(r[m[3]] ?? '') === m[4]!.replace(/\\(.)/g, '$1'));
    const limited = m[5] ? rows.slice(0, Number(m[5])) : rows;
    return { status: 200, body: { totalSize: limited.length, done: true, records: limited.map((r) => pick(type, r, fields)) } };
  });
  router.add('GET', `${VERSION_PREFIX}/sobjects/:type/describe`, (_request, { type }) => {
    const found = object(type!);
    if (!found) return notFound();
    const [name, meta] = found;
    return { status: 200, body: { name, label: meta.label, keyPrefix: meta.prefix, createable: true, updateable: true, queryable: true, fields: meta.fields } };
  });
  router.add('POST', `${VERSION_PREFIX}/sobjects/:type`, (request, { type }, { sub }) => {
    const found = object(type!);
    if (!found) return notFound();
    const [name, meta] = found;
    if (!isRecord(request.body)) return error(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
    const body = request.body as Record<string, string | number | boolean | null>;
    const bad = unknownField(name, Object.keys(body));
    if (bad) return error(400, 'INVALID_FIELD', `No such column '${bad}' on sobject of type ${name}`, [bad]);
    const missing = meta.fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && (body[f.name] === undefined || body[f.name] === null)).map((f) => f.name);
    if (missing.length) return error(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    const n = (counters.get(`${sub}:${name}`) ?? 100) + 1;
    counters.set(`${sub}:${name}`, n);
    const defaults = Object.fromEntries(meta.fields.filter((f) => f.defaultedOnCreate && f.picklistValues.length).map((f) => [f.name, f.picklistValues[0]!.value]));
    const record = { ...defaults, ...body, Id: recordId(meta.prefix, n) } as SalesforceRecord;
    org(sub)[name]!.push(record);
    return { status: 201, body: { id: record.Id, success: true, errors: [] } };
  });
  router.add(['GET', 'PATCH'], `${VERSION_PREFIX}/sobjects/:type/:id`, (request, { type, id }, { sub }) => {
    const found = object(type!);
    const record = found ? org(sub)[found[0]]!.find((r) => r.Id === id || r.Id.slice(0, 15) === id) : undefined;
    if (!found || !record) return notFound();
    const [name] = found;
    if (request.method === 'GET') {
      const fields = request.query.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean);
      const bad = fields ? unknownField(name, fields) : undefined;
      if (bad) return error(400, 'INVALID_FIELD', `No such column '${bad}' on entity '${name}'.`);
      return { status: 200, body: pick(name, record, fields ? ['Id', ...fields.filter((f) => f !== 'Id')] : undefined) };
    }
    if (!isRecord(request.body)) return error(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
    const changes = request.body as Record<string, string | number | boolean | null>;
    const bad = unknownField(name, Object.keys(changes)) ?? (Object.keys(changes).includes('Id') ? 'Id' : undefined);
    if (bad) return error(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${bad}.`, [bad]);
    Object.assign(record, changes);
    return { status: 204 };
  });

  return {
    state: { org },
    failure: (status) => (status === 401 ? error(401, 'INVALID_SESSION_ID', 'Session expired or invalid') : status === 429 || status === 403 ? error(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.') : error(status, 'SERVER_UNAVAILABLE', 'Server is unavailable, please try again later.')),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: error(401, 'INVALID_SESSION_ID', 'Session expired or invalid') };
      const match = router.match(request.method, request.path);
      if (match.kind === 'not_found') return { response: error(404, 'NOT_FOUND', 'The requested resource does not exist'), sub: auth.token.sub };
      if (match.kind === 'method_not_allowed') return { response: error(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are ${match.allowed.join(',')}`), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}
