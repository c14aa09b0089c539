/**
 * The Notion API version onbehalf speaks, sent as `Notion-Version` on every call (the toolkit's
 * API header, the tools' own requests and the revocation request). Written once, here. The
 * built-in tools follow this version's model: databases hold data sources (queried at
 * `/v1/data_sources/{id}/query`, searched as `data_source`), `in_trash` replaces `archived`, and
 * appending blocks places them with `position` (no flat `after`). The request bodies are checked
 * against `@notionhq/client`'s types in the tests.
 */
export const NOTION_API_VERSION = '2026-03-11';
