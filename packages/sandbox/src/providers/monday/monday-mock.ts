import { authenticate, createGraphqlEndpoint, graphqlFailure, isRecord, mockUser, seededRandom, seedTime, type MockProvider, type MockProviderContext, type MockResponse, type SeededRandom } from '../../mock-api/index.ts';
import { mondayRevoke } from './monday-revocation.ts';
import { MONDAY_SDL } from './monday-schema.ts';
import { mondaySeed, type MondayAccount, type MondayBoard, type MondayColumn, type MondayItem } from './monday-seed.ts';

export interface MondayMockState {
  account(sub: string): MondayAccount;
}

const endpoint = createGraphqlEndpoint({ sdl: MONDAY_SDL, invalidDocumentStatus: 200 });
const TYPENAMES: Record<string, string> = { status: 'StatusValue', date: 'DateValue', people: 'PeopleValue', text: 'TextValue', name: 'TextValue' };

/** monday's error body since API 2025-01: `{ errors: [{ message, extensions: { code, status_code } }], account_id }`. */
const mondayError = (status: number, message: string, code: string): MockResponse => ({ status, body: { errors: [{ message, extensions: { code, status_code: status } }] } });
const failure = (message: string, code: string, extra: Record<string, unknown> = {}) => graphqlFailure(message, { code, status_code: 200, ...extra });

/** Reads `column_values` as monday does: a JSON-encoded object (a JSON object is taken too). */
function parseValues(raw: unknown): Record<string, unknown> {
  const parsed = typeof raw === 'string' ? (() => { try { return JSON.parse(raw) as unknown; } catch { return undefined; } })() : raw;
  if (!isRecord(parsed)) throw failure('Invalid column values: not a JSON object', 'InvalidColumnValueException');
  return parsed;
}

/** monday.com's GraphQL API (`https://api.monday.com/v2`): the user and account, boards with groups and columns, items (pages, create, change values) and updates. */
export function createMondayMock(context: MockProviderContext): MockProvider<MondayMockState> {
  const accounts = new Map<string, { data: MondayAccount; random: SeededRandom }>();
  const load = (sub: string) => {
    let entry = accounts.get(sub);
    if (!entry) {
      entry = { data: mondaySeed(mockUser(context.seed, sub), seededRandom(context.seed, 'monday', sub), seedTime(context)), random: seededRandom(context.seed, 'monday-created', sub) };
      accounts.set(sub, entry);
    }
    return entry;
  };

  function root({ data: a, random }: { data: MondayAccount; random: SeededRandom }) {
    const now = () => context.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const boardUrl = (b: MondayBoard) => `https://${a.account.slug}.monday.com/boards/${b.id}`;
    const personView = (id: string) => {
      const p = a.people.find((person) => person.id === id);
      return p ? { ...p, account: a.account } : null;
    };
    const text = (column: MondayColumn, value: unknown): string | null => {
      if (value === undefined || value === null) return null;
      if (column.type === 'status') return isRecord(value) && typeof value.label === 'string' ? value.label : null;
      if (column.type === 'date') return isRecord(value) && typeof value.date === 'string' ? value.date : null;
      if (column.type === 'people' && isRecord(value) && Array.isArray(value.personsAndTeams)) {
        return value.personsAndTeams.map((p) => (isRecord(p) ? a.people.find((person) => person.id === String(p.id))?.name : undefined)).filter(Boolean).join(', ');
      }
      return typeof value === 'string' ? value : null;
    };
    const itemView = (b: MondayBoard, item: MondayItem): Record<string, unknown> => ({
      id: item.id, name: item.name, state: 'active', url: `${boardUrl(b)}/pulses/${item.id}`, created_at: item.createdAt, updated_at: item.updatedAt,
      group: b.groups.find((g) => g.id === item.groupId) ?? null,
      board: () => boardView(b),
      column_values: (args: { ids?: string[] | null }) => b.columns.filter((c) => c.type !== 'name' && (!args.ids || args.ids.includes(c.id))).map((c) => ({
        __typename: TYPENAMES[c.type], id: c.id, type: c.type, text: text(c, item.values[c.id]), value: item.values[c.id] === undefined ? null : JSON.stringify(item.values[c.id]), column: { id: c.id, title: c.title, type: c.type },
      })),
    });
    function boardView(b: MondayBoard): Record<string, unknown> {
      return {
        id: b.id, name: b.name, description: b.description, state: 'active', board_kind: b.kind, workspace_id: b.workspaceId, items_count: b.items.length, url: boardUrl(b),
        groups: (args: { ids?: string[] | null }) => b.groups.filter((g) => !args.ids || args.ids.includes(g.id)),
        columns: (args: { ids?: string[] | null }) => b.columns.filter((c) => !args.ids || args.ids.includes(c.id)).map((c) => ({ id: c.id, title: c.title, type: c.type })),
        items_page: (args: { cursor?: string | null; limit: number }) => {
          // monday's cursors are opaque; here the board and the offset, so a cursor of another board is refused.
          const decoded = args.cursor ? Buffer.from(args.cursor, 'base64url').toString('utf8').split(':') : [b.id, '0'];
          if (decoded[0] !== b.id || !/^\d+$/.test(decoded[1] ?? '')) throw failure('CursorException: cursor is invalid or expired', 'CursorException');
          const start = Number(decoded[1]);
          const limit = Math.min(Math.max(args.limit, 1), 500);
          const items = b.items.slice(start, start + limit);
          return { cursor: start + limit < b.items.length ? Buffer.from(`${b.id}:${start + limit}`).toString('base64url') : null, items: items.map((item) => itemView(b, item)) };
        },
      };
    }
    const board = (id: string) => {
      const b = a.boards.find((candidate) => candidate.id === String(id));
      if (!b) throw failure(`Board not found`, 'InvalidBoardIdException', { error_data: { board_id: Number(id) } });
      return b;
    };
    /** Applies column values as monday's `change_multiple_column_values` does, checking status labels. */
    const apply = (b: MondayBoard, item: MondayItem, values: Record<string, unknown>) => {
      for (const [columnId, value] of Object.entries(values)) {
        const column = b.columns.find((c) => c.id === columnId);
        if (!column) throw failure(`This column ID doesn't exist for the board`, 'InvalidColumnIdException', { error_data: { column_id: columnId } });
        if (column.type === 'name') {
          if (typeof value !== 'string' || value === '') throw failure('Item name must be a non-empty string', 'InvalidColumnValueException');
          item.name = value;
          continue;
        }
        if (column.type === 'status') {
          const label = isRecord(value) ? value.label : value;
          if (typeof label !== 'string' || !column.labels!.includes(label)) {
            throw failure(`This status label doesn't exist, possible statuses are: {${column.labels!.map((l, i) => `${i}: ${l}`).join(', ')}}`, 'ColumnValueException', { error_data: { column_type: 'StatusColumn' } });
          }
          item.values[columnId] = { label };
          continue;
        }
        item.values[columnId] = typeof value === 'string' && column.type === 'date' ? { date: value } : value;
      }
      item.updatedAt = now();
    };
    const findItem = (id: string) => {
      for (const b of a.boards) {
        const item = b.items.find((i) => i.id === String(id));
        if (item) return { b, item };
      }
      throw failure('Item not found', 'InvalidItemIdException', { error_data: { item_id: Number(id) } });
    };

    return {
      me: () => personView(a.me.id),
      boards: (args: { ids?: string[] | null; limit?: number | null; page?: number | null; workspace_ids?: Array<string | null> | null; order_by?: string | null }) => {
        let boards = a.boards.filter((b) => (!args.ids || args.ids.includes(b.id)) && (!args.workspace_ids || args.workspace_ids.includes(b.workspaceId)));
        if (args.order_by === 'used_at') boards = [...boards].sort((x, y) => y.usedAt.localeCompare(x.usedAt));
        const limit = args.limit ?? 25;
        const start = ((args.page ?? 1) - 1) * limit;
        return boards.slice(start, start + limit).map(boardView);
      },
      items: (args: { ids?: string[] | null }) => (args.ids ?? []).flatMap((id) => {
        const found = a.boards.flatMap((b) => b.items.filter((i) => i.id === id).map((i) => itemView(b, i)));
        return found;
      }),
      create_item: (args: { board_id: string; item_name: string; group_id?: string | null; column_values?: unknown }) => {
        const b = board(args.board_id);
        const groupId = args.group_id ?? b.groups[0]!.id;
        if (!b.groups.some((g) => g.id === groupId)) throw failure('Group not found', 'InvalidGroupIdException', { error_data: { group_id: groupId } });
        const item: MondayItem = { id: random.digits(10), name: args.item_name, groupId, values: {}, createdAt: now(), updatedAt: now(), updates: [] };
        if (args.column_values !== undefined && args.column_values !== null) apply(b, item, parseValues(args.column_values));
        b.items.push(item);
        return itemView(b, item);
      },
      change_multiple_column_values: (args: { board_id: string; item_id?: string | null; column_values: unknown }) => {
        const b = board(args.board_id);
        const item = b.items.find((i) => i.id === String(args.item_id));
        if (!item) throw failure('Item not found in board', 'InvalidItemIdException', { error_data: { item_id: Number(args.item_id) } });
        apply(b, item, parseValues(args.column_values));
        return itemView(b, item);
      },
      create_update: (args: { item_id?: string | null; body: string }) => {
        const { item } = findItem(String(args.item_id));
        const update = { id: random.digits(10), body: args.body, createdAt: now(), creatorId: a.me.id };
        item.updates.push(update);
        return { id: update.id, body: update.body, text_body: update.body.replace(/<[^>]+>/g, ''), created_at: update.createdAt, item_id: item.id, creator: () => personView(update.creatorId) };
      },
    };
  }

  return {
    state: { account: (sub) => load(sub).data },
    failure: (status) => (status === 429 ? { ...mondayError(429, 'Rate limit exceeded', 'RATE_LIMIT_EXCEEDED'), headers: { 'retry-after': '1' } } : mondayError(status, 'Internal server error', 'INTERNAL_SERVER_ERROR')),
    async handle(request) {
      // The app revokes with its own credentials in the body, not with the person's token.
      if (request.method === 'POST' && request.path === '/oauth_ms/oauth/revoke') return { response: await mondayRevoke(request) };
      // OAuth tokens may come as `Bearer …`; API tokens come bare, as monday documents them.
      const header = String(request.headers.authorization ?? '');
      const auth = await authenticate(header.replace(/^Bearer\s+/i, '') || undefined, context.verifyAccessToken);
      if (auth.kind !== 'ok') return { response: mondayError(401, 'Not Authenticated', 'UNAUTHENTICATED') };
      const sub = auth.token.sub;
      if (request.path.replace(/\/+$/, '') !== '/v2') return { response: mondayError(404, 'Not Found', 'NOT_FOUND'), sub };
      const response = await endpoint(request, root(load(sub)));
      return { response: isRecord(response.body) ? { ...response, body: { ...response.body, account_id: Number(load(sub).data.account.id) } } : response, sub };
    },
  };
}
