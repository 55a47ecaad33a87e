import { expect, test, type Page } from '@playwright/test';
import { BASE_FLAGS, findChromium } from '../scripts/chromium.mjs';

// The workshop trains the `test` preset in Chromium's WebGPU (SwiftShader here): a few steps a
// second, so every test runs tens of steps, not hundreds. Each test gets a fresh browser context,
// so IndexedDB starts empty.

const step = async (page: Page) => Number(await page.getByTestId('run-step').getAttribute('data-step'));
const points = async (page: Page) => Number(await page.getByTestId('loss-chart').getAttribute('data-points'));

async function open(page: Page, steps = 200, query = '') {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./${query}#/workshop`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Model workshop');
  await expect(page.getByTestId('preset-test')).toContainText('parameters');
  await page.getByTestId('preset-test').getByRole('radio').check();
  await page.getByTestId('steps').fill(String(steps));
  return errors;
}

async function trainUntil(page: Page, n: number) {
  await expect.poll(() => step(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(n);
}

test('trains with a falling loss, pauses, resumes, and a reload continues from the autosave', async ({ page }) => {
  const errors = await open(page);
  await expect(page.getByTestId('preset-small')).toContainText(/MiB of GPU memory/);
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');
  await trainUntil(page, 30);
  const chart = page.getByTestId('loss-chart');
  const first = Number(await chart.getAttribute('data-first-loss'));
  const last = Number(await chart.getAttribute('data-last-loss'));
  // A fresh model starts near ln(1024) = 6.93 nats and has learned something within 30 steps.
  expect(first).toBeGreaterThan(6.3);
  expect(first).toBeLessThan(7.5);
  expect(last).toBeLessThan(first - 0.3);
  const p1 = await points(page);
  expect(p1).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('run-speed')).toContainText('tokens/s');
  await expect(page.getByTestId('run-lr')).toHaveText(/^\d\.\d\de-\d$/);
  await trainUntil(page, 40);
  // The step counter and the chart's points arrive in separate messages: wait for the chart too.
  await expect.poll(() => points(page)).toBeGreaterThan(p1);

  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const paused = await step(page);
  await page.waitForTimeout(1500);
  expect(await step(page)).toBe(paused);
  // The pause wrote the autosave at this step.
  await expect(page.getByTestId('ck-row').filter({ hasText: 'automatic' })).toContainText(String(paused));

  await page.getByTestId('resume').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');
  await trainUntil(page, paused + 4);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const saved = await step(page);
  const savedPoints = await points(page);

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused', { timeout: 90_000 });
  expect(await step(page)).toBe(saved);
  expect(await points(page)).toBe(savedPoints);
  await page.getByTestId('resume').click();
  await trainUntil(page, saved + 4);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  expect(errors).toEqual([]);
});

test('a bad upload is refused next to the control and changes nothing; a downloaded checkpoint uploads again', async ({ page }) => {
  await open(page);
  await page.getByTestId('start').click();
  await trainUntil(page, 4);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const list = page.getByTestId('ck-list');
  await expect(list).toHaveAttribute('data-count', '1');
  // The shipped checkpoints are listed too, read-only: no Delete button on them.
  await expect(list).not.toHaveAttribute('data-shipped', '0');
  await expect(page.locator('[data-testid="ck-row"][data-shipped="true"]').first().getByRole('button', { name: /^Delete/ })).toHaveCount(0);
  const before = await list.innerText();

  await page.getByTestId('ck-upload').setInputFiles({ name: 'notes.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not a checkpoint at all') });
  await expect(page.getByTestId('upload-error')).toContainText('notes.safetensors');
  await expect(list).toHaveAttribute('data-count', '1');
  expect(await list.innerText()).toBe(before);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');

  const download = page.waitForEvent('download');
  await page.getByTestId('ck-row').first().getByRole('button', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.safetensors$/);
  const path = await file.path();
  await page.getByTestId('ck-upload').setInputFiles(path);
  await expect(list).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('upload-error')).toHaveCount(0);

  // Training continues from the uploaded file: same step, same history.
  const savedStep = await step(page);
  const uploaded = page.locator('[data-testid="ck-row"][data-shipped="false"]').filter({ hasNotText: 'automatic' });
  await expect(uploaded).toContainText(String(savedStep));
  await uploaded.getByRole('button', { name: 'Continue from it' }).click();
  await expect(page.getByTestId('engine-notices')).toContainText(`Continuing from the checkpoint at step ${savedStep}.`);
  await trainUntil(page, savedStep + 2);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
});

test('sampling streams tokens, and the tokenizer box splits text', async ({ page }) => {
  await open(page);
  await page.getByTestId('start').click();
  await trainUntil(page, 2);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  const chart = page.getByTestId('loss-chart');
  const evals = Number(await chart.getAttribute('data-eval-points'));
  await page.getByTestId('evaluate').click();
  await expect(chart).toHaveAttribute('data-eval-points', String(evals + 1));

  await page.getByTestId('sample-maxTokens').fill('12');
  await page.getByTestId('sample-go').click();
  const out = page.getByTestId('sample-output');
  await expect(out).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  const n = Number(await out.getAttribute('data-tokens'));
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(12);
  expect((await out.innerText()).length).toBeGreaterThan('The'.length);

  await page.getByTestId('tokenize-text').fill('the cat sat');
  await page.getByTestId('tokenize-go').click();
  const pieces = page.getByTestId('tokenize-pieces').getByRole('listitem');
  await expect(pieces.first()).toBeVisible();
  const count = await pieces.count();
  expect(count).toBeGreaterThanOrEqual(3);
  expect(count).toBeLessThanOrEqual(11);
});

test('a lost GPU device is replaced and training goes on from the autosave, with a message', async ({ page }) => {
  await open(page, 200, '?lab-debug'); // exposes the hook that destroys the device
  expect(await page.evaluate(() => typeof (globalThis as { __labLoseDevice?: unknown }).__labLoseDevice)).toBe('function');
  await page.getByTestId('start').click();
  await trainUntil(page, 6);
  const before = await step(page);
  await page.evaluate(() => (globalThis as { __labLoseDevice?: () => void }).__labLoseDevice!());
  await expect(page.getByTestId('engine-notices')).toContainText('lost and replaced', { timeout: 90_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');
  // It went back to the autosave (written at step 0, before the first 50-step save), not on from where it was.
  const back = Number((await page.getByTestId('engine-notices').innerText()).match(/last autosave \(step (\d+)\)/)?.[1]);
  expect(back).toBeLessThan(before);
  await trainUntil(page, back + 4);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
});

test('without WebGPU the workshop explains that training needs it instead of showing dead controls', async ({ playwright, baseURL }) => {
  // The same browser started without --enable-unsafe-webgpu offers no adapter.
  const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: BASE_FLAGS });
  try {
    const page = await browser.newPage({ baseURL });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/workshop');
    await expect(page.getByTestId('workshop-needs-webgpu')).toContainText('WebGPU');
    await expect(page.getByTestId('webgpu-missing')).toContainText('--enable-unsafe-webgpu');
    await expect(page.getByTestId('start')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
