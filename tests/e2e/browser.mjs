// Shared helpers for the end-to-end tests: launch Debian's headless Chromium with a fresh profile
// and collect every page error and console error, so tests can assert there were none.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8087/';
export const SHOT_DIR = process.env.SHOT_DIR ?? join(process.cwd(), 'target', 'screenshots');

export async function openBrowser({ width = 1280, height = 720, args = [], reducedMotion = 'no-preference' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'goroscope-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width, height },
    reducedMotion,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('request', (req) => requests.push(req.url()));
  return {
    page, context, errors, requests,
    async close() { await context.close(); rmSync(profile, { recursive: true, force: true }); },
  };
}
