import { OnBehalfError } from '../errors.ts';

/** The oldest Node.js the library runs on: the first 22.x with `node:sqlite` usable without a flag. */
export const MINIMUM_NODE = '22.13.0';

const parse = (version: string): number[] => version.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);

/** Throws an OnBehalfError naming the Node.js the library needs when `version` is older. */
export function assertSupportedNode(version: string = process.versions.node): void {
  const [major = 0, minor = 0, patch = 0] = parse(version);
  const [needMajor = 0, needMinor = 0, needPatch = 0] = parse(MINIMUM_NODE);
  const older = major !== needMajor ? major < needMajor : minor !== needMinor ? minor < needMinor : patch < needPatch;
  if (older) {
    throw new OnBehalfError(
      'CONFIGURATION_ERROR',
      `@onbehalf/core needs Node.js ${MINIMUM_NODE.replace(/\.0$/, '')} or newer (22 LTS, 24 LTS or later); this process runs Node.js ${version}. Upgrade Node.js to use onbehalf.`,
      { details: { nodeVersion: version, minimum: MINIMUM_NODE } },
    );
  }
}

// Checked when the package is imported (store/index.ts loads this module first, and index.ts loads
// the store first), so an old Node stops with this message instead of a failure deep inside.
assertSupportedNode();
