import { colleague, type MockPerson, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export const FOLDER = 'application/vnd.google-apps.folder';
export const DOCUMENT = 'application/vnd.google-apps.document';
export const SPREADSHEET = 'application/vnd.google-apps.spreadsheet';
export const PRESENTATION = 'application/vnd.google-apps.presentation';

/** A file as the mock stores it; `content` is the text behind a Doc/Sheet/Slides export or a file's bytes. */
export interface DriveEntry {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  owner: MockPerson;
  lastModifiedBy: MockPerson;
  createdTime: string;
  modifiedTime: string;
  description?: string;
  starred: boolean;
  trashed: boolean;
  shared: boolean;
  content?: string;
  /** Binary files (a PDF, an image) have a size but no text. */
  binarySize?: number;
}

export interface DriveStore {
  user: MockUser;
  rootId: string;
  files: DriveEntry[];
  random: SeededRandom;
}

/** Drive ids: 33 or 44 characters of base64url, starting with 1. */
export function driveId(random: SeededRandom, length = 44): string {
  return `1${random.alnum(length - 1)}`;
}

/** My Drive with two folders, a Doc, a Sheet, a Slides deck, a Markdown note, a PDF and a trashed draft. */
export function driveSeed(user: MockUser, random: SeededRandom, now: Date): DriveStore {
  const day = 86_400_000;
  const at = (daysAgo: number) => new Date(Math.floor((now.getTime() - daysAgo * day) / 60_000) * 60_000).toISOString().replace(/\.000Z$/, '.000Z');
  const me: MockPerson = user;
  const manager = colleague(user, 0);
  const rootId = `0A${random.alnum(17)}`;
  const entry = (name: string, mimeType: string, parent: string, daysAgo: number, extra: Partial<DriveEntry> = {}): DriveEntry => ({
    id: driveId(random, mimeType === FOLDER ? 33 : 44), name, mimeType, parents: [parent], owner: me, lastModifiedBy: me,
    createdTime: at(daysAgo + random.int(3, 40)), modifiedTime: at(daysAgo), starred: false, trashed: false, shared: false, ...extra,
  });
  const projects = entry('Projects', FOLDER, rootId, 10);
  const finance = entry('Finance', FOLDER, rootId, 20, { shared: true });
  return {
    user,
    rootId,
    random,
    files: [
      projects,
      finance,
      entry('Q3 planning notes', DOCUMENT, projects.id, 1, {
        lastModifiedBy: manager, shared: true, description: 'Goals and owners for Q3',
        content: `Q3 planning notes\r\n\r\nGoals\r\n* Ship the Drive integration\r\n* Hire two engineers\r\n\r\nOwners: ${user.firstName}, ${manager.firstName}\r\n`,
      }),
      entry('Budget 2026', SPREADSHEET, finance.id, 3, { starred: true, content: 'Item,Q1,Q2,Q3\r\nHosting,1200,1350,1400\r\nSalaries,90000,94000,96000\r\nTravel,3000,2500,4100\r\n' }),
      entry('Board deck', PRESENTATION, projects.id, 6, { content: 'Board meeting\r\n\r\nRevenue up 12%\r\n\r\nNext: hiring plan\r\n' }),
      entry('todo.md', 'text/markdown', rootId, 2, { content: '- [ ] call the bank\n- [x] renew the domain\n- [ ] book the offsite bus\n' }),
      entry('Invoice-1042.pdf', 'application/pdf', finance.id, 8, { binarySize: 48_213, owner: manager, lastModifiedBy: manager, shared: true }),
      entry('Old draft', DOCUMENT, rootId, 30, { trashed: true, content: 'Nothing to see here.\r\n' }),
    ],
  };
}
