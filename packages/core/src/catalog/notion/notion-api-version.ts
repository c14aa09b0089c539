/**
 * The Notion API version onbehalf speaks, sent as `Notion-Version` on every call. The built-in
 * tools' request bodies follow `@notionhq/client` v5 (checked against its types in the tests), which
 * is this version — search filters on `data_source`, no longer `database`.
 */
export const NOTION_API_VERSION = '2025-09-03';
