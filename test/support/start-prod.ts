import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The Node options `npm run start:prod` runs the bundle with (`node <options> dist/bundle/main.js`
 * in package.json), so that tests and benchmarks that spawn the bundle run it as production does.
 */
export function startProdNodeArgs(): string[] {
  const pkg = z
    .object({ scripts: z.object({ 'start:prod': z.string() }) })
    .parse(JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')));
  const words = pkg.scripts['start:prod'].split(/\s+/).filter((word) => word !== '');
  if (words[0] !== 'node' || words.at(-1) !== 'dist/bundle/main.js')
    throw new Error(
      `package.json: start:prod is not "node [options] dist/bundle/main.js": ${pkg.scripts['start:prod']}`,
    );
  return words.slice(1, -1);
}
