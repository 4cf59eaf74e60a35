// The page loads the real Yew app and the real runtime crate compiled to WASM, with no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

test('the app renders the runtime version and a value the runtime computed, with no console errors', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    const version = b.page.locator('#runtime-version');
    await version.waitFor({ timeout: 15000 });
    assert.match(await version.textContent(), /runtime \d+\.\d+\.\d+/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'shell.png') });
    assert.deepEqual(b.errors, []);
    const foreign = b.requests.filter((u) => !u.startsWith(BASE_URL) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'the page requests nothing but its own files');
  } finally {
    await b.close();
  }
});
