/**
 * The part of monday.com's GraphQL schema (API version 2026-10, as `api.monday.com/v2/get_schema`
 * serves it) the sandbox serves: monday's own names, arguments and types, fewer of them.
 * monday-mock.test.ts checks every type, field and argument here against the published file.
 */
const COLUMN_VALUE_FIELDS = 'id: ID!, text: String, type: ColumnType!, value: JSON, column: Column!';

export const MONDAY_SDL = /* GraphQL */ `
scalar JSON
scalar Date

enum State { active all archived deleted }
enum BoardKind { private public share }
enum BoardsOrderBy { created_at used_at }
enum ColumnType { name status date people text long_text numbers }

type Account { id: ID!, name: String!, slug: String! }
type User { id: ID!, name: String!, email: String!, account: Account! }
type Group { id: ID!, title: String! }
type Column { id: ID!, title: String!, type: ColumnType! }

interface ColumnValue { ${COLUMN_VALUE_FIELDS} }
type StatusValue implements ColumnValue { ${COLUMN_VALUE_FIELDS} }
type DateValue implements ColumnValue { ${COLUMN_VALUE_FIELDS} }
type PeopleValue implements ColumnValue { ${COLUMN_VALUE_FIELDS} }
type TextValue implements ColumnValue { ${COLUMN_VALUE_FIELDS} }

type Item {
  id: ID!
  name: String!
  state: State
  url: String!
  created_at: Date
  updated_at: Date
  group: Group
  board: Board
  column_values(ids: [String!], types: [ColumnType!]): [ColumnValue!]!
}
type ItemsResponse { cursor: String, items: [Item!]! }

type Board {
  id: ID!
  name: String!
  description: String
  state: State!
  board_kind: BoardKind!
  workspace_id: ID
  items_count: Int
  url: String!
  groups(ids: [String]): [Group]
  columns(ids: [String], types: [ColumnType!]): [Column]
  items_page(cursor: String, limit: Int!): ItemsResponse!
}

type Update { id: ID!, body: String!, text_body: String, created_at: Date, item_id: String, creator: User }

type Query {
  me: User
  boards(ids: [ID!], limit: Int, page: Int, state: State, order_by: BoardsOrderBy, workspace_ids: [ID], board_kind: BoardKind): [Board]
  items(ids: [ID!], limit: Int, page: Int): [Item]
}

type Mutation {
  create_item(board_id: ID!, item_name: String!, group_id: String, column_values: JSON, create_labels_if_missing: Boolean): Item
  change_multiple_column_values(board_id: ID!, item_id: ID, column_values: JSON!, create_labels_if_missing: Boolean): Item
  create_update(item_id: ID, body: String!): Update
}
`;
