// Headless Chromium for the report tests, driven by its command line only (--dump-dom, --screenshot): no
// browser-automation dependency. findChromium() returns the binary or the reason it is absent (the tests then
// skip with that reason printed, never silently); nothing is installed here (.ci/run does that).
import { spawnSync } from 'node:child_process';
import { findChromiumBinary } from '../support/system.ts';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let status: { ok: true; bin: string } | { ok: false; reason: string } | undefined;

export function findChromium(): { ok: true; bin: string } | { ok: false; reason: string } {
  return (status ??= locate());
}

function locate(): { ok: true; bin: string } | { ok: false; reason: string } {
  return findChromiumBinary();
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
