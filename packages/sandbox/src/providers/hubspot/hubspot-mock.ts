import { authenticate, bearerToken, createRouter, isRecord, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse } from '../../mock-api/index.ts';
import { hubspotPortalId } from './hubspot-portal.ts';

type Properties = Record<string, string>;
export interface HubspotRecord { id: string; properties: Properties; createdAt: string; updatedAt: string; associations: Array<{ type: string; id: string }> }

export interface HubspotPortal {
  portalId: number;
  objects: Record<'contacts' | 'companies' | 'deals' | 'notes', HubspotRecord[]>;
}

export interface HubspotMockState {
  portal(sub: string): HubspotPortal;
}

const OBJECT_TYPES = { contacts: 'contact', companies: 'company', deals: 'deal', notes: 'note', tickets: 'ticket' } as const;
/** HubSpot-defined association type ids the sandbox understands, by the created object and the target. */
const ASSOCIATION_TYPES: Record<number, { from: string; to: keyof HubspotPortal['objects'] }> = {
  3: { from: 'deals', to: 'contacts' }, 5: { from: 'deals', to: 'companies' }, 341: { from: 'deals', to: 'companies' },
  202: { from: 'notes', to: 'contacts' }, 190: { from: 'notes', to: 'companies' }, 214: { from: 'notes', to: 'deals' },
};

const hubspotError = (status: number, category: string, message: string, subCategory?: string): MockResponse => ({
  status, body: { status: 'error', message, correlationId: '5d8a3f0e-7c1b-4e2a-9f6d-3b4c5a6e7f80', category, ...(subCategory ? { subCategory } : {}) },
});

function seed(sub: string): HubspotPortal {
  const at = '2026-01-15T09:00:00.000Z';
  const record = (id: string, properties: Properties, associations: HubspotRecord['associations'] = []): HubspotRecord => ({ id, properties: { hs_object_id: id, createdate: at, ...properties }, createdAt: at, updatedAt: at, associations });
  return {
    portalId: hubspotPortalId(sub),
    objects: {
      contacts: [
        record('501', { firstname: 'Maria', lastname: 'Johnson', email: 'maria@acme.example', company: 'Acme', lifecyclestage: 'customer' }, [{ type: 'companies', id: '77' }]),
        record('502', { firstname: 'Li', lastname: 'Wei', email: 'li@globex.example', company: 'Globex', lifecyclestage: 'lead' }),
      ],
      companies: [record('77', { name: 'Acme', domain: 'acme.example', industry: 'COMPUTER_SOFTWARE', city: 'Boston' }, [{ type: 'contacts', id: '501' }])],
      deals: [],
      notes: [],
    },
  };
}

function visible(record: HubspotRecord, names: string[]): Record<string, unknown> {
  return { id: record.id, properties: Object.fromEntries(names.map((n) => [n, record.properties[n] ?? null])), createdAt: record.createdAt, updatedAt: record.updatedAt, archived: false };
}

/** HubSpot's CRM v3 object APIs for one sandbox portal per user, and the account-info details. */
export function createHubspotMock(context: MockProviderContext): MockProvider<HubspotMockState> {
  const portals = new Map<string, HubspotPortal>();
  const portal = (sub: string) => {
    let found = portals.get(sub);
    if (!found) portals.set(sub, (found = seed(sub)));
    return found;
  };
  let next = 9000;
  const now = () => context.now().toISOString();
  const router = createRouter<{ portal: HubspotPortal }>();

  router.add('GET', '/account-info/v3/details', (_r, _p, { portal: p }) => ({ status: 200, body: { portalId: p.portalId, timeZone: 'US/Eastern', companyCurrency: 'USD', additionalCurrencies: [], utcOffset: '-05:00', utcOffsetMilliseconds: -18_000_000, uiDomain: 'app.hubspot.com', dataHostingLocation: 'na1' } }));

  router.add('POST', '/crm/v3/objects/contacts/search', (request, _p, { portal: p }) => {
    const body = isRecord(request.body) ? request.body : {};
    const names = Array.isArray(body.properties) && body.properties.length ? body.properties.map(String) : ['firstname', 'lastname', 'email'];
    const text = typeof body.query === 'string' ? body.query.toLowerCase() : '';
    const filters = Array.isArray(body.filterGroups) ? body.filterGroups.flatMap((g) => (isRecord(g) && Array.isArray(g.filters) ? g.filters : [])) : [];
    const matches = p.objects.contacts.filter((c) => (!text || ['firstname', 'lastname', 'email', 'phone', 'company'].some((k) => (c.properties[k] ?? '').toLowerCase().includes(text)))
      && filters.every((f) => isRecord(f) && f.operator === 'EQ' && (c.properties[String(f.propertyName)] ?? '').toLowerCase() === String(f.value).toLowerCase()));
    const limit = Math.min(Number(body.limit) || 10, 200);
    const after = Number(body.after) || 0;
    const page = matches.slice(after, after + limit);
    return { status: 200, body: { total: matches.length, results: page.map((c) => visible(c, names)), ...(after + limit < matches.length ? { paging: { next: { after: String(after + limit), link: `?after=${after + limit}` } } } : {}) } };
  });

  router.add('POST', '/crm/v3/objects/contacts/batch/upsert', (request, _p, { portal: p }) => {
    const inputs = isRecord(request.body) && Array.isArray(request.body.inputs) ? request.body.inputs : [];
    const results = inputs.filter(isRecord).map((input) => {
      const properties = (isRecord(input.properties) ? input.properties : {}) as Properties;
      const existing = input.idProperty === 'email' ? p.objects.contacts.find((c) => c.properties.email?.toLowerCase() === String(input.id).toLowerCase()) : p.objects.contacts.find((c) => c.id === input.id);
      if (existing) {
        Object.assign(existing.properties, properties, { lastmodifieddate: now() });
        existing.updatedAt = now();
        return { ...visible(existing, Object.keys(existing.properties)), new: false };
      }
      const created: HubspotRecord = { id: String((next += 1)), properties: { ...properties, ...(input.idProperty === 'email' ? { email: String(input.id) } : {}), createdate: now() }, createdAt: now(), updatedAt: now(), associations: [] };
      p.objects.contacts.push(created);
      return { ...visible(created, Object.keys(created.properties)), new: true };
    });
    return { status: 200, body: { status: 'COMPLETE', results, startedAt: now(), completedAt: now() } };
  });

  const create = (type: 'deals' | 'notes', required: string[]) => (request: MockRequest, _p: Record<string, string>, { portal: p }: { portal: HubspotPortal }): MockResponse => {
    const body = isRecord(request.body) ? request.body : {};
    const properties = (isRecord(body.properties) ? body.properties : {}) as Properties;
    const missing = required.filter((name) => !properties[name]);
    if (missing.length) return hubspotError(400, 'VALIDATION_ERROR', `Property values were not valid: ${missing.map((m) => `${m} is required`).join(', ')}`);
    const associations: HubspotRecord['associations'] = [];
    for (const association of Array.isArray(body.associations) ? body.associations.filter(isRecord) : []) {
      const typeId = Array.isArray(association.types) && isRecord(association.types[0]) ? Number(association.types[0].associationTypeId) : NaN;
      const target = ASSOCIATION_TYPES[typeId];
      const id = isRecord(association.to) ? String(association.to.id) : '';
      if (!target || target.from !== type || !p.objects[target.to].some((r) => r.id === id)) return hubspotError(400, 'VALIDATION_ERROR', 'One or more associations are invalid', 'crm.associations.INVALID_OBJECT_IDS');
      associations.push({ type: target.to, id });
    }
    const created: HubspotRecord = { id: String((next += 1)), properties: { ...properties, hs_object_id: String(next), createdate: now() }, createdAt: now(), updatedAt: now(), associations };
    p.objects[type].push(created);
    return { status: 201, body: visible(created, Object.keys(created.properties)) };
  };
  router.add('POST', '/crm/v3/objects/deals', create('deals', ['dealname']));
  router.add('POST', '/crm/v3/objects/notes', create('notes', ['hs_timestamp']));

  router.add('GET', '/crm/v3/objects/companies/:id', (request, { id }, { portal: p }) => {
    const company = p.objects.companies.find((c) => c.id === id);
    if (!company) return hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');
    const names = (request.query.get('properties') ?? 'name,domain').split(',').filter(Boolean);
    const kinds = (request.query.get('associations') ?? '').split(',').filter((k): k is keyof typeof OBJECT_TYPES => k in OBJECT_TYPES);
    // Associations are kept one way; a company's contacts and deals are found from both sides.
    const linked = (kind: string) => [...company.associations.filter((a) => a.type === kind).map((a) => a.id), ...(p.objects[kind as keyof HubspotPortal['objects']] ?? []).filter((r) => r.associations.some((a) => a.type === 'companies' && a.id === id)).map((r) => r.id)];
    const associations = Object.fromEntries(kinds.map((kind) => [kind, { results: [...new Set(linked(kind))].map((other) => ({ id: other, type: `company_to_${OBJECT_TYPES[kind]}` })) }]).filter(([, v]) => (v as { results: unknown[] }).results.length > 0));
    return { status: 200, body: { ...visible(company, names), ...(Object.keys(associations).length ? { associations } : {}) } };
  });

  return {
    state: { portal },
    failure: (status) => hubspotError(status, status === 429 ? 'RATE_LIMITS' : 'INTERNAL_ERROR', status === 429 ? 'You have reached your secondly limit.' : 'Internal error'),
    async handle(request) {
      const auth = await authenticate(bearerToken(request.headers), context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: hubspotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.') };
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found'), sub: auth.token.sub };
      return { response: await match.handler(request, match.params, { portal: portal(auth.token.sub) }), sub: auth.token.sub };
    },
  };
}
