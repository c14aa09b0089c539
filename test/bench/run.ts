// Benchmarks for the hot paths: `npm run bench`. Each prints ratios against a baseline measured in
// the same run on the same machine, never an absolute time threshold. The proactive refresher's
// throughput is its own script (refresher.ts), run after this one.
import { benchAccountScale } from './account-scale.ts';
import { benchHotPath } from './hot-path.ts';
import { benchUsageScale } from './usage-scale.ts';

await benchHotPath();
await benchAccountScale();
await benchUsageScale();
