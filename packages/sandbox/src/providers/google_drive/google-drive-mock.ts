import { googleAuth, googleError } from '../google/index.ts';
import { createRouter, decodeCursor, encodeCursor, isRecord, type MockProvider, type MockProviderContext, type MockRequest, type MockResponse, mockUser, seededRandom, seedTime } from '../../mock-api/index.ts';
import { parseFields, selectFields } from './drive-fields.ts';
import { parseDriveQuery } from './drive-search.ts';
import { DOCUMENT, driveId, driveSeed, FOLDER, PRESENTATION, SPREADSHEET, type DriveEntry, type DriveStore } from './drive-seed.ts';

export interface DriveMockState {
  /** Files and folders created through `files.create`, in order. */
  created: Array<{ sub: string; file: DriveEntry }>;
  drive(sub: string): DriveStore;
}

const DRIVE = 'https://www.googleapis.com/auth/drive';
const READ_SCOPES = [DRIVE, `${DRIVE}.readonly`, `${DRIVE}.file`, `${DRIVE}.metadata.readonly`, `${DRIVE}.metadata`];
const WRITE_SCOPES = [DRIVE, `${DRIVE}.file`];
const GOOGLE_TYPES = new Set([FOLDER, DOCUMENT, SPREADSHEET, PRESENTATION]);

/** The text formats each Docs Editors type exports to, and what a text upload converts into. */
const EXPORTS: Record<string, string[]> = {
  [DOCUMENT]: ['text/plain', 'text/markdown', 'text/html'],
  [SPREADSHEET]: ['text/csv', 'text/tab-separated-values'],
  [PRESENTATION]: ['text/plain'],
};
const IMPORTS: Record<string, string[]> = {
  [DOCUMENT]: ['text/plain', 'text/markdown', 'text/html'],
  [SPREADSHEET]: ['text/csv', 'text/tab-separated-values'],
  [PRESENTATION]: ['text/plain'],
};

/** Drive v3's error style: `{ error: { code, message, errors: [{ reason, location… }] } }`, no `status`. */
const driveError = (code: number, message: string, reason: string, location?: string) => {
  const response = googleError(code, message, { reason, status: null });
  if (location) (response.body as { error: { errors: Array<Record<string, unknown>> } }).error.errors[0] = { message, domain: 'global', reason, location, locationType: 'parameter' };
  return response;
};
const notFound = (id: string) => driveError(404, `File not found: ${id}.`, 'notFound', 'fileId');
const invalid = (location: string, message = 'Invalid Value') => driveError(400, message, 'invalid', location);

function link(file: DriveEntry): string {
  if (file.mimeType === DOCUMENT) return `https://docs.google.com/document/d/${file.id}/edit?usp=drivesdk`;
  if (file.mimeType === SPREADSHEET) return `https://docs.google.com/spreadsheets/d/${file.id}/edit?usp=drivesdk`;
  if (file.mimeType === PRESENTATION) return `https://docs.google.com/presentation/d/${file.id}/edit?usp=drivesdk`;
  if (file.mimeType === FOLDER) return `https://drive.google.com/drive/folders/${file.id}`;
  return `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
}

function fileResource(file: DriveEntry, store: DriveStore): Record<string, unknown> {
  const person = (p: DriveEntry['owner']) => ({ kind: 'drive#user', displayName: p.name, emailAddress: p.email, me: p.email === store.user.email, permissionId: String(Math.abs([...p.email].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))) });
  const size = file.binarySize ?? (GOOGLE_TYPES.has(file.mimeType) ? undefined : Buffer.byteLength(file.content ?? ''));
  return {
    kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType,
    ...(file.description ? { description: file.description } : {}),
    starred: file.starred, trashed: file.trashed, explicitlyTrashed: file.trashed, parents: file.parents,
    webViewLink: link(file), iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${file.mimeType}`,
    createdTime: file.createdTime, modifiedTime: file.modifiedTime, modifiedByMe: file.lastModifiedBy.email === store.user.email,
    owners: [person(file.owner)], lastModifyingUser: person(file.lastModifiedBy), shared: file.shared, ownedByMe: file.owner.email === store.user.email,
    ...(size !== undefined ? { size: String(size) } : {}),
  };
}

/** `fields` applied to a resource; without it Drive v3 answers only kind, id, name and mimeType. */
function withFields(resource: Record<string, unknown>, request: MockRequest, defaults: string): MockResponse {
  const fields = parseFields(request.query.get('fields') ?? defaults);
  if (typeof fields === 'string') return invalid('fields', `Invalid field selection ${request.query.get('fields')}`);
  return { status: 200, body: selectFields(resource, fields) };
}

const ORDER_KEYS: Record<string, (f: DriveEntry) => string> = {
  modifiedTime: (f) => f.modifiedTime, createdTime: (f) => f.createdTime, name: (f) => f.name.toLowerCase(),
  folder: (f) => (f.mimeType === FOLDER ? '0' : '1'), starred: (f) => (f.starred ? '0' : '1'),
};

/** Google Drive API v3: files.list (q, orderBy, paging, fields), files.get (alt=media), files.export, files.create (metadata or multipart upload). */
export function createGoogleDriveMock(context: MockProviderContext): MockProvider<DriveMockState> {
  const stores = new Map<string, DriveStore>();
  const drive = (sub: string) => {
    let store = stores.get(sub);
    if (!store) {
      store = driveSeed(mockUser(context.seed, sub), seededRandom(context.seed, 'google_drive', sub), seedTime(context));
      stores.set(sub, store);
    }
    return store;
  };
  const state: DriveMockState = { created: [], drive };
  const router = createRouter<{ store: DriveStore; sub: string }>();
  const find = (store: DriveStore, id: string | undefined) => store.files.find((f) => f.id === id);

  router.add('GET', '/v3/files', (request, _params, { store }) => {
    const predicate = parseDriveQuery(request.query.get('q') ?? '');
    if (typeof predicate === 'string') return invalid('q');
    const q = request.query.get('q') ?? '';
    const pageSize = Number(request.query.get('pageSize') ?? '100');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return invalid('pageSize');
    let files = store.files.filter((f) => predicate(f) && (/\btrashed\b/.test(q) || !f.trashed));
    const orderBy = request.query.get('orderBy');
    if (orderBy) {
      if (/\bfullText\b/.test(q)) return driveError(403, 'Sorting is not supported for queries with fullText terms. Results are always in descending relevance order.', 'forbidden', 'orderBy');
      const keys = orderBy.split(',').map((part) => part.trim().split(/\s+/) as [string, string?]);
      if (keys.some(([key, direction]) => !ORDER_KEYS[key] || (direction !== undefined && direction !== 'desc'))) return invalid('orderBy');
      files = [...files].sort((a, b) => {
        for (const [key, direction] of keys) {
          const order = ORDER_KEYS[key]!(a).localeCompare(ORDER_KEYS[key]!(b)) * (direction === 'desc' ? -1 : 1);
          if (order !== 0) return order;
        }
        return 0;
      });
    } else if (/\bfullText\b/.test(q)) {
      files = [...files].sort((a, b) => b.modifiedTime.localeCompare(a.modifiedTime));
    }
    const token = request.query.get('pageToken');
    const offset = decodeCursor('drive', token);
    if (offset === undefined) return invalid('pageToken');
    const page = files.slice(offset, offset + pageSize);
    const next = offset + pageSize < files.length ? encodeCursor('drive', offset + pageSize) : undefined;
    const list = { kind: 'drive#fileList', incompleteSearch: false, files: page.map((f) => fileResource(f, store)), ...(next ? { nextPageToken: next } : {}) };
    return withFields(list, request, 'kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)');
  });

  router.add('GET', '/v3/files/:fileId', (request, params, { store }) => {
    const file = find(store, params.fileId);
    if (!file) return notFound(params.fileId!);
    if (request.query.get('alt') === 'media') {
      if (GOOGLE_TYPES.has(file.mimeType)) return driveError(403, 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', 'fileNotDownloadable', 'alt');
      return { status: 200, text: file.content ?? `%PDF-1.7\n% ${file.name}: binary content stands in here\n`, headers: { 'content-type': file.mimeType } };
    }
    return withFields(fileResource(file, store), request, 'kind,id,name,mimeType');
  });

  router.add('GET', '/v3/files/:fileId/export', (request, params, { store }) => {
    const file = find(store, params.fileId);
    if (!file) return notFound(params.fileId!);
    const mimeType = request.query.get('mimeType');
    if (!mimeType) return driveError(400, 'Required parameter: mimeType', 'required', 'mimeType');
    const formats = EXPORTS[file.mimeType];
    if (!formats) return driveError(403, 'Export only supports Docs Editors files.', 'fileNotExportable');
    if (!formats.includes(mimeType)) return invalid('mimeType', 'The requested conversion is not supported.');
    const content = file.content ?? '';
    // Docs and Slides exported as text start with a byte order mark, as Google's are.
    const text = mimeType === 'text/plain' ? `\uFEFF${content}` : mimeType === 'text/tab-separated-values' ? content.replace(/,/g, '\t') : content;
    return { status: 200, text, headers: { 'content-type': mimeType === 'text/csv' ? 'text/csv' : `${mimeType}; charset=utf-8` } };
  });

  router.add('POST', '/v3/files', (request, _params, { store, sub }) => {
    const upload = request.prefix.startsWith('/upload');
    const uploadType = request.query.get('uploadType');
    let metadata: Record<string, unknown> = {};
    let media: { type: string; text: string } | undefined;
    if (!upload) {
      if (request.bodyError) return driveError(400, 'Invalid JSON payload received.', 'parseError');
      if (request.body !== undefined && !isRecord(request.body)) return driveError(400, 'Invalid JSON payload received.', 'parseError');
      metadata = (request.body as Record<string, unknown> | undefined) ?? {};
    } else if (uploadType === 'multipart') {
      const parts = multipartParts(request);
      if (typeof parts === 'string') return driveError(400, parts, 'badContent');
      metadata = parts.metadata;
      media = parts.media;
    } else if (uploadType === 'media') {
      media = { type: request.contentType || 'application/octet-stream', text: typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? '') };
    } else {
      return invalid('uploadType');
    }
    const parents = metadata.parents === undefined ? [store.rootId] : metadata.parents;
    if (!Array.isArray(parents) || parents.length !== 1 || typeof parents[0] !== 'string') return invalid('parents', 'A file must have exactly one parent.');
    const parent = parents[0] === store.rootId ? undefined : find(store, parents[0]);
    if (parents[0] !== store.rootId && (!parent || parent.mimeType !== FOLDER)) return notFound(parents[0]);
    let mimeType = typeof metadata.mimeType === 'string' ? metadata.mimeType : media?.type ?? 'application/octet-stream';
    if (media && IMPORTS[mimeType] && !IMPORTS[mimeType]!.includes(media.type)) return driveError(400, 'The requested conversion is not supported.', 'badRequest');
    if (media && mimeType === FOLDER) return driveError(400, 'A folder cannot have content.', 'badRequest');
    if (!media && metadata.mimeType === undefined) mimeType = 'application/octet-stream';
    const now = new Date(Math.floor(context.now().getTime() / 1000) * 1000).toISOString();
    const file: DriveEntry = {
      id: driveId(store.random, mimeType === FOLDER ? 33 : 44), name: typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : 'Untitled', mimeType,
      parents: [parents[0]], owner: store.user, lastModifiedBy: store.user, createdTime: now, modifiedTime: now,
      ...(typeof metadata.description === 'string' ? { description: metadata.description } : {}),
      starred: metadata.starred === true, trashed: false, shared: false,
      ...(mimeType === FOLDER ? {} : { content: media?.text ?? '' }),
    };
    store.files.push(file);
    state.created.push({ sub, file });
    return withFields(fileResource(file, store), request, 'kind,id,name,mimeType');
  });

  return {
    state,
    failure: (status) => googleError(status, undefined, { status: null }),
    async handle(request) {
      const match = router.match(request.method, request.path);
      if (match.kind !== 'found') return { response: { status: 404, text: 'Not Found', headers: { 'content-type': 'text/html; charset=UTF-8' } } };
      const auth = await googleAuth(request, context, request.method === 'GET' ? READ_SCOPES : WRITE_SCOPES);
      if ('response' in auth) return auth;
      return { response: await match.handler(request, match.params, { store: drive(auth.token.sub), sub: auth.token.sub }), sub: auth.token.sub };
    },
  };
}

/** The two parts of a `multipart/related` upload: JSON metadata, then the media with its own type. */
function multipartParts(request: MockRequest): { metadata: Record<string, unknown>; media: { type: string; text: string } } | string {
  const header = String(request.headers['content-type'] ?? '');
  const boundary = /boundary="?([^";]+)"?/i.exec(header)?.[1];
  if (!/^multipart\/related/i.test(header) || !boundary || typeof request.body !== 'string') return 'Bad multipart content: expected multipart/related with a boundary.';
  const parts = request.body.split(`--${boundary}`).slice(1, -1).map((part) => part.replace(/^\r?\n/, '').replace(/\r?\n$/, ''));
  if (parts.length !== 2) return 'Bad multipart content: expected a metadata part and a media part.';
  const split = (part: string) => {
    const at = part.search(/\r?\n\r?\n/);
    const head = at < 0 ? part : part.slice(0, at);
    const type = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim().toLowerCase() ?? '';
    return { type, text: at < 0 ? '' : part.slice(at).replace(/^\r?\n\r?\n/, '') };
  };
  const [first, second] = [split(parts[0]!), split(parts[1]!)];
  if (first.type !== 'application/json') return 'Bad multipart content: the first part must be the JSON metadata.';
  try {
    const metadata = JSON.parse(first.text) as unknown;
    if (!isRecord(metadata)) return 'Bad multipart content: the metadata must be an object.';
    return { metadata, media: { type: second.type || 'application/octet-stream', text: second.text } };
  } catch {
    return 'Bad multipart content: the metadata is not JSON.';
  }
}
