// Headless Chromium for the report tests, driven by its command line only (--dump-dom, --screenshot): no
// browser-automation dependency. findChromium() returns the binary, installing the Debian package `chromium`
// through apt-get when it is missing and this process is root on Linux, or the reason it cannot be had (the
// tests then skip with that reason printed, never silently).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

let status: { ok: true; bin: string } | { ok: false; reason: string } | undefined;

export function findChromium(): { ok: true; bin: string } | { ok: false; reason: string } {
  return (status ??= locate());
}

function locate(): { ok: true; bin: string } | { ok: false; reason: string } {
  const found = () => CANDIDATES.find((p) => existsSync(p));
  let bin = found();
  if (bin) return { ok: true, bin };
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { ok: false, reason: 'chromium is not installed and this process is not root on Linux, so apt-get cannot install it' };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update'], { encoding: 'utf8', timeout: 600_000, env });
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { encoding: 'utf8', timeout: 1_200_000, env });
  bin = found();
  if (bin) return { ok: true, bin };
  const why = (install.stderr || install.error?.message || update.stderr || '').slice(-400);
  return { ok: false, reason: `chromium is missing and apt-get install chromium failed (update status ${update.status}, install status ${install.status}): ${why}` };
}

/** The DOM after the page's scripts ran (virtual time lets load events, image decoding and font loading finish). */
export function dumpDom(bin: string, url: string, budgetMs = 5000): { dom: string; stderr: string; status: number | null } {
  const r = spawnSync(bin, [...CHROMIUM_FLAGS, `--virtual-time-budget=${budgetMs}`, '--dump-dom', url], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { dom: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

/** A PNG of the page at the given window size. */
export function screenshot(bin: string, url: string, file: string, size = '1280,6000', budgetMs = 5000): { status: number | null; stderr: string } {
  const r = spawnSync(bin, [...CHROMIUM_FLAGS, `--virtual-time-budget=${budgetMs}`, '--hide-scrollbars', `--window-size=${size}`, `--screenshot=${file}`, url], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stderr: r.stderr ?? '' };
}
