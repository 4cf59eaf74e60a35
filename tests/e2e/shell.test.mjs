// The page loads the real Yew app with the real compiler and runtime compiled to WASM, with no errors,
// and runs the example program to the output real Go prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openBrowser, BASE_URL, SHOT_DIR } from './browser.mjs';

test('the app renders, runs the example on the WASM runtime, and shows its output', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    const version = b.page.locator('#runtime-version');
    await version.waitFor({ timeout: 15000 });
    assert.match(await version.textContent(), /runtime \d+\.\d+\.\d+/);
    await b.page.click('#run');
    await b.page.locator('#stdout').waitFor({ timeout: 15000 });
    assert.equal(await b.page.locator('#stdout').textContent(), 'sum of squares: 14\n');
    assert.equal(await b.page.locator('#status').textContent(), 'exited with code 0');
    assert.match(await b.page.locator('#steps').textContent(), /^\d+ steps, 4 goroutines created$/);
    await b.page.screenshot({ path: join(SHOT_DIR, 'shell.png') });
    assert.deepEqual(b.errors, []);
    const foreign = b.requests.filter((u) => !u.startsWith(BASE_URL) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], 'the page requests nothing but its own files');
  } finally {
    await b.close();
  }
});

test('a compile error is shown in gc format', async () => {
  const b = await openBrowser();
  try {
    await b.page.goto(BASE_URL);
    await b.page.locator('#source').waitFor({ timeout: 15000 });
    await b.page.fill('#source', 'package main\n\nfunc main() {\n\tx := 1\n}\n');
    await b.page.click('#run');
    await b.page.locator('#stderr').waitFor({ timeout: 15000 });
    assert.equal(await b.page.locator('#stderr').textContent(), 'prog.go:4:2: declared and not used: x');
    await b.page.screenshot({ path: join(SHOT_DIR, 'shell-compile-error.png') });
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
  }
});
