/**
 * The part of Linear's public GraphQL schema (`linear/linear: packages/sdk/src/schema.graphql`)
 * the sandbox serves: the names, arguments and types are Linear's own, fewer of them.
 * linear-mock.test.ts checks every type, field and argument here against the published file.
 */
export const LINEAR_SDL = /* GraphQL */ `
scalar DateTime
scalar TimelessDate

enum PaginationOrderBy { createdAt updatedAt }

input StringComparator { eq: String, neq: String, in: [String!], nin: [String!] }
input WorkflowStateFilter { type: StringComparator, name: StringComparator }
input IssueFilter { state: WorkflowStateFilter }

input IssueCreateInput { teamId: String!, title: String, description: String, priority: Int, assigneeId: String, stateId: String, dueDate: TimelessDate }
input IssueUpdateInput { title: String, description: String, priority: Int, assigneeId: String, stateId: String, dueDate: TimelessDate }
input CommentCreateInput { issueId: String, body: String }

type PageInfo { hasNextPage: Boolean!, hasPreviousPage: Boolean!, startCursor: String, endCursor: String }

type Organization { id: ID!, name: String!, urlKey: String! }

type User {
  id: ID!
  name: String!
  email: String!
  assignedIssues(after: String, first: Int, filter: IssueFilter, includeArchived: Boolean, orderBy: PaginationOrderBy): IssueConnection!
}

type WorkflowState { id: ID!, name: String!, type: String! }
type WorkflowStateConnection { nodes: [WorkflowState!]!, pageInfo: PageInfo! }

type Team {
  id: ID!
  key: String!
  name: String!
  description: String
  states(after: String, first: Int, filter: WorkflowStateFilter): WorkflowStateConnection!
}
type TeamConnection { nodes: [Team!]!, pageInfo: PageInfo! }

type Issue {
  id: ID!
  identifier: String!
  title: String!
  description: String
  url: String!
  priority: Float!
  priorityLabel: String!
  dueDate: TimelessDate
  createdAt: DateTime!
  updatedAt: DateTime!
  state: WorkflowState!
  team: Team!
  assignee: User
}
type IssueConnection { nodes: [Issue!]!, pageInfo: PageInfo! }

type IssueSearchResult {
  id: ID!
  identifier: String!
  title: String!
  description: String
  url: String!
  priority: Float!
  priorityLabel: String!
  dueDate: TimelessDate
  createdAt: DateTime!
  updatedAt: DateTime!
  state: WorkflowState!
  team: Team!
  assignee: User
}
type IssueSearchPayload { nodes: [IssueSearchResult!]!, pageInfo: PageInfo!, totalCount: Float! }

type Comment { id: ID!, body: String!, url: String!, createdAt: DateTime! }

type IssuePayload { success: Boolean!, lastSyncId: Float!, issue: Issue }
type CommentPayload { success: Boolean!, lastSyncId: Float!, comment: Comment! }

type Query {
  viewer: User!
  organization: Organization!
  teams(after: String, first: Int, includeArchived: Boolean, orderBy: PaginationOrderBy): TeamConnection!
  issue(id: String!): Issue!
  searchIssues(term: String!, after: String, first: Int, includeArchived: Boolean, teamId: String, orderBy: PaginationOrderBy): IssueSearchPayload!
}

type Mutation {
  issueCreate(input: IssueCreateInput!): IssuePayload!
  issueUpdate(id: String!, input: IssueUpdateInput!): IssuePayload!
  commentCreate(input: CommentCreateInput!): CommentPayload!
}
`;
