// Makes sure Debian's Chromium and a CJK font are on the machine before the browser tests:
// on a fresh machine like the development ones (root, Debian's apt), installs them; anywhere
// else says what to install. Run by the browser project's global set-up and by .ci/run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FONT_DIR = '/usr/share/fonts/opentype/noto';

export function ensureChromium() {
  if (existsSync(CHROMIUM) && (process.env.CHROMIUM_PATH || existsSync(FONT_DIR))) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${CHROMIUM} is missing: install Chromium and a CJK font (Debian: apt-get install -y chromium fonts-noto-cjk), or set CHROMIUM_PATH`,
    );
  }
  console.log('installing Debian chromium and fonts-noto-cjk for the browser tests (apt-get)…');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-noto-cjk'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with status ${r.status}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after apt-get install chromium`);
}

if (process.argv[1]?.endsWith('ensure-chromium.mjs')) {
  try {
    ensureChromium();
    console.log(`Chromium: ${CHROMIUM}`);
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
}
