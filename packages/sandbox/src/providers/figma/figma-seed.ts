import { colleague, type MockUser, type SeededRandom } from '../../mock-api/index.ts';

export interface FigmaNodeSeed {
  id: string;
  name: string;
  type: string;
  children?: FigmaNodeSeed[];
}

export interface FigmaUserSeed {
  id: string;
  handle: string;
  img_url: string;
  email: string;
}

export interface FigmaCommentSeed {
  id: string;
  parent_id: string;
  user: FigmaUserSeed;
  created_at: string;
  resolved_at: string | null;
  message: string;
  client_meta: Record<string, unknown>;
  order_id: string | null;
}

export interface FigmaFileSeed {
  key: string;
  name: string;
  editorType: 'figma' | 'figjam';
  lastModified: string;
  version: string;
  document: FigmaNodeSeed;
  comments: FigmaCommentSeed[];
}

export interface FigmaWorld {
  me: FigmaUserSeed;
  team: { id: string; name: string };
  projects: Array<{ id: string; name: string; files: FigmaFileSeed[] }>;
}

/** The viewer's Figma: one team with a web and a mobile project, files with pages, frames and layers, and comment threads. */
export function figmaSeed(user: MockUser, random: SeededRandom, now: Date): FigmaWorld {
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const hour = 3_600_000;
  const person = (p: { name: string; email: string }): FigmaUserSeed => {
    const id = random.digits(19);
    return { id, handle: p.name, img_url: `https://s3-alpha.figma.com/profile/${id}`, email: p.email };
  };
  const me = person(user);
  const designer = person(colleague(user, 2));
  let nodeCounter = 1;
  const node = (name: string, type: string, children?: FigmaNodeSeed[]): FigmaNodeSeed => ({ id: `${nodeCounter}:${nodeCounter++ * 7 % 97}`, name, type, ...(children ? { children } : {}) });
  const fileKey = () => random.alnum(22).replace(/[A-Z]/g, (c, i: number) => (i % 2 ? c.toLowerCase() : c));
  let commentId = Number(random.digits(7));
  const comment = (who: FigmaUserSeed, message: string, hoursAgo: number, extra: Partial<FigmaCommentSeed> = {}): FigmaCommentSeed => ({
    id: String(commentId++), parent_id: '', user: who, created_at: iso(hoursAgo * hour), resolved_at: null, message, client_meta: { x: 120, y: 80 }, order_id: null, ...extra,
  });

  const payment = node('Payment', 'FRAME', [node('Card number', 'INSTANCE'), node('Pay button', 'INSTANCE'), node('Total', 'TEXT')]);
  const checkout: FigmaFileSeed = {
    key: fileKey(), name: 'Checkout redesign', editorType: 'figma', lastModified: iso(2 * hour), version: random.digits(10),
    document: node('Document', 'DOCUMENT', [
      node('Cover', 'CANVAS', [node('Cover art', 'FRAME', [node('Title', 'TEXT')])]),
      node('Checkout', 'CANVAS', [node('Cart', 'FRAME', [node('Line items', 'GROUP'), node('Subtotal', 'TEXT')]), payment, node('Done', 'FRAME', [node('Thank you', 'TEXT')])]),
    ]),
    comments: [],
  };
  const root = comment(designer, 'Can we make the **Pay** button larger?', 30, { client_meta: { node_id: payment.id, node_offset: { x: 120, y: 48 } }, order_id: '1' });
  checkout.comments.push(
    root,
    comment(me, 'Done in the next version.', 26, { parent_id: root.id }),
    comment(designer, 'Typo on the cover', 200, { order_id: '2', resolved_at: iso(190 * hour) }),
  );
  const designSystem: FigmaFileSeed = {
    key: fileKey(), name: 'Design system', editorType: 'figma', lastModified: iso(50 * hour), version: random.digits(10),
    document: node('Document', 'DOCUMENT', [node('Colors', 'CANVAS', [node('Palette', 'FRAME')]), node('Components', 'CANVAS', [node('Button', 'COMPONENT_SET'), node('Input', 'COMPONENT')])]),
    comments: [],
  };
  const retro: FigmaFileSeed = {
    key: fileKey(), name: 'Sprint retro', editorType: 'figjam', lastModified: iso(120 * hour), version: random.digits(10),
    document: node('Document', 'DOCUMENT', [node('Board', 'CANVAS', [node('What went well', 'SECTION', [node('Sticky', 'STICKY')])])]),
    comments: [comment(me, 'Let us keep the demo day.', 118, { order_id: '1' })],
  };
  return {
    me,
    team: { id: random.digits(19), name: `${user.company.name} Design` },
    projects: [
      { id: random.digits(6), name: 'Web', files: [checkout, designSystem] },
      { id: random.digits(6), name: 'Team rituals', files: [retro] },
    ],
  };
}
