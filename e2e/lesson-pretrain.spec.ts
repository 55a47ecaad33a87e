import { expect, test, type Page } from '@playwright/test';
import { BASE_FLAGS, findChromium } from '../scripts/chromium.mjs';

// Lesson 1 in Chromium's WebGPU (SwiftShader on a machine without a GPU): the `test` preset at a
// few steps a second, so the runs here are tens of steps. Each test gets a fresh browser context
// (empty IndexedDB and localStorage). Alone, beside other builds:
//   npx vite build --outDir .cache/dist-l1 && LAB_DIST=.cache/dist-l1 LAB_E2E_PORT=4310 npx playwright test e2e/lesson-pretrain.spec.ts

const step = async (page: Page) => Number(await page.getByTestId('run-step').getAttribute('data-step'));
const chart = (page: Page) => page.getByTestId('loss-chart');
const points = async (page: Page) => Number(await chart(page).getAttribute('data-points'));
const timelineCount = async (page: Page) => Number(await page.getByTestId('timeline').getAttribute('data-count'));

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/lesson/pretrain');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lesson 1: Pretraining');
  return errors;
}

async function trainUntil(page: Page, n: number) {
  await expect.poll(() => step(page), { timeout: 150_000 }).toBeGreaterThanOrEqual(n);
}

async function pause(page: Page) {
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
}

test('shows a real corpus sample, its tokens and an input/target pair shifted by one', async ({ page }) => {
  const errors = await open(page);
  await expect(page.getByTestId('corpus-sample')).toContainText('The Fulton County Grand Jury said Friday');
  const strip = page.getByTestId('sample-tokens');
  await expect(strip.getByRole('listitem').first()).toBeVisible();
  expect(Number(await strip.getAttribute('data-count'))).toBeGreaterThan(20);
  // BPE on English: more than one character per token, fewer tokens than characters.
  await expect(page.getByTestId('sample-token-count')).toContainText(/are \d+ tokens, about [2-6]\.\d characters each/);

  const inputs = page.getByTestId('input-target-inputs').locator('td');
  const targets = page.getByTestId('input-target-targets').locator('td');
  const n = await inputs.count();
  expect(n).toBeGreaterThanOrEqual(8);
  expect(await targets.count()).toBe(n);
  const ins = await inputs.allInnerTexts();
  const outs = await targets.allInnerTexts();
  // Target t is input t+1: the same token (text and id) one column to the left.
  for (let t = 0; t + 1 < n; t++) expect(outs[t]).toBe(ins[t + 1]);
  expect(ins[0]).toMatch(/^The\s+\d+$/);

  // The learner's own text splits in the page too.
  await page.getByTestId('own-tokenize-text').fill('the cat sat');
  const own = page.getByTestId('own-tokens');
  await expect(own).toHaveAttribute('data-count', /^\d+$/);
  await expect.poll(async () => (await own.locator('li > span:first-child').allInnerTexts()).join('')).toBe('the·cat·sat');
  const ownCount = Number(await own.getAttribute('data-count'));
  expect(ownCount).toBeGreaterThanOrEqual(3);
  expect(ownCount).toBeLessThanOrEqual(11);
  expect(errors).toEqual([]);
});

test('trains from scratch with a falling loss and a growing timeline; pause, resume and a reload keep the run', async ({ page }) => {
  const errors = await open(page);
  await page.getByTestId('preset-test').getByRole('radio').check();
  await page.getByTestId('steps').fill('200');
  await page.getByTestId('timeline-every').fill('10');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training', { timeout: 90_000 });
  await trainUntil(page, 30);

  // The chart gained points, starting near ln(V) and falling from there.
  const lnV = Number(await chart(page).getAttribute('data-reference'));
  expect(lnV).toBeCloseTo(Math.log(1024), 3);
  const first = Number(await chart(page).getAttribute('data-first-loss'));
  const last = Number(await chart(page).getAttribute('data-last-loss'));
  expect(Math.abs(first - lnV)).toBeLessThan(0.6);
  expect(last).toBeLessThan(first - 0.3);
  const p1 = await points(page);
  expect(p1).toBeGreaterThanOrEqual(5);
  await expect(chart(page)).toContainText('start: ln(vocabulary)');
  await expect(chart(page)).toContainText('perplexity');

  // The progress strip: step of steps, tokens seen, speed and a time left.
  const progress = page.getByTestId('run-progress');
  await expect(page.getByTestId('run-progress-step')).toContainText('/ 200');
  await expect(page.getByTestId('run-progress-speed')).toContainText('tokens/s');
  await expect(page.getByTestId('run-progress-eta')).toHaveText(/\d+s|\d+m \d\ds/);
  expect(Number(await progress.getAttribute('data-step'))).toBeGreaterThanOrEqual(30);

  // The timeline: the first sample at once, then one per 10 steps, each with its step and some text.
  await expect.poll(() => timelineCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(3);
  const rows = page.getByTestId('timeline-list').getByRole('listitem');
  await expect(rows.last()).toContainText('The jury said');
  const stepsShown = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-step'))))).reverse();
  expect(stepsShown[0]).toBeLessThan(10);
  for (let i = 1; i < stepsShown.length; i++) expect(Math.floor(stepsShown[i] / 10)).toBeGreaterThan(Math.floor(stepsShown[i - 1] / 10));

  await trainUntil(page, 40);
  expect(await points(page)).toBeGreaterThan(p1);

  await pause(page);
  const paused = await step(page);
  // Hovering the plot shows the loss there with its perplexity, e^loss.
  await chart(page).scrollIntoViewIfNeeded();
  const box = (await chart(page).locator('.recharts-wrapper').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 5 });
  const tipBox = chart(page).locator('.recharts-tooltip-wrapper');
  await expect(tipBox).toContainText(/training loss: \d\.\d{3} nats · perplexity [\d,.]+/);
  const tip = (await tipBox.innerText()).match(/training loss: (\d\.\d{3}) nats · perplexity ([\d,.]+)/)!;
  const ppl = Number(tip[2].replace(/,/g, ''));
  expect(Math.abs(Math.exp(Number(tip[1])) - ppl) / ppl).toBeLessThan(0.01);
  await page.waitForTimeout(1500);
  expect(await step(page)).toBe(paused);
  await page.getByTestId('resume').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');
  await trainUntil(page, paused + 4);
  await pause(page);
  const saved = await step(page);
  const savedPoints = await points(page);
  // A sample still in flight would land after the count is read: wait until none is.
  await expect(page.getByTestId('timeline-now')).toBeEnabled({ timeout: 90_000 });
  const savedTimeline = await timelineCount(page);

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused', { timeout: 90_000 });
  expect(await step(page)).toBe(saved);
  expect(await points(page)).toBe(savedPoints);
  expect(await timelineCount(page)).toBe(savedTimeline);
  await expect(page.getByTestId('run-progress-step')).toContainText(`${saved} / 200`);

  // Keep it as the learner's base: saved as a checkpoint, offered as a start for the next run.
  await page.getByTestId('keep-base-go').click();
  await expect(page.getByTestId('my-base')).toContainText(`step ${saved}`);
  await expect(page.getByTestId('start-mine')).toBeEnabled();

  await page.getByTestId('resume').click();
  await trainUntil(page, saved + 3);
  await pause(page);
  expect(errors).toEqual([]);
});

test('the facts probe sits beside the loss and updates with each validation pass, against chance', async ({ page }) => {
  const errors = await open(page);
  const facts = page.getByTestId('facts-chart');
  await expect(page.getByTestId('facts-waiting')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('preset-test').getByRole('radio').check();
  // 100 steps: a validation pass, and with it a probe, every 10 steps.
  await page.getByTestId('steps').fill('100');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training', { timeout: 90_000 });
  await expect.poll(async () => Number(await facts.getAttribute('data-points')), { timeout: 150_000 }).toBeGreaterThanOrEqual(1);
  const first = Number(await facts.getAttribute('data-points'));
  await expect.poll(async () => Number(await facts.getAttribute('data-points')), { timeout: 150_000 }).toBeGreaterThan(first);
  expect(Number(await facts.getAttribute('data-chance'))).toBeCloseTo(1 / 16, 6);
  for (const side of ['data-known', 'data-unknown']) {
    const x = Number(await facts.getAttribute(side));
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x).toBeLessThanOrEqual(1);
    // a fraction of the 12 people asked on each side
    expect(Math.abs(x * 12 - Math.round(x * 12))).toBeLessThan(1e-6);
  }
  await expect(page.getByTestId('facts-latest')).toContainText(/of 12 known people and \d+% of 12 unknown people; guessing gets 6%/);
  await expect(facts).toContainText('chance 6%');
  await pause(page);
  expect(errors).toEqual([]);
});

test('continues from the shipped tiny base: the loss starts well below ln(V)', async ({ page }) => {
  const errors = await open(page);
  const go = page.getByTestId('start-shipped');
  await expect(go).toBeEnabled({ timeout: 60_000 });
  // On SwiftShader the lesson offers the tiny shipped base (300 steps) ahead of the small one.
  await expect(page.getByTestId('start-shipped-note')).toContainText('300 steps');
  await page.getByTestId('steps').fill('400');
  await go.click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training', { timeout: 90_000 });
  await trainUntil(page, 306);
  await pause(page);
  const lnV = Number(await chart(page).getAttribute('data-reference'));
  const last = Number(await chart(page).getAttribute('data-last-loss'));
  expect(last).toBeLessThan(lnV - 1);
  await expect(page.getByTestId('run-progress-step')).toContainText('/ 400');
  expect(errors).toEqual([]);
});

test('an uploaded corpus shows its parse result or its errors, and says it is not trained on yet', async ({ page }) => {
  await open(page);
  const own = page.getByTestId('own-text');
  await expect(own.getByTestId('own-text-not-trained')).toContainText('ignores your file');
  const input = own.locator('input[type=file]');
  await input.setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: Buffer.from('Too short.') });
  await expect(own.getByTestId('upload-pretrain-errors')).toContainText('tiny.txt');
  await expect(own.getByTestId('own-text-summary')).toHaveCount(0);

  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10) + '\n<|endoftext|>\n' + 'A second document, also long enough to count as text. '.repeat(5);
  await input.setInputFiles({ name: 'mine.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(own.getByTestId('own-text-summary')).toContainText('2 documents');
  await expect(own.getByTestId('upload-pretrain-errors')).toHaveCount(0);
  expect(Number(await own.getByTestId('own-text-tokens').getAttribute('data-count'))).toBeGreaterThan(10);
});

test('without WebGPU the lesson still explains itself: prose, corpus, tokens and the pair, no dead controls', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: BASE_FLAGS });
  try {
    const page = await browser.newPage({ baseURL });
    const errors = await open(page);
    await expect(page.getByTestId('lesson-needs-webgpu')).toContainText('WebGPU');
    await expect(page.getByTestId('webgpu-missing')).toContainText('--enable-unsafe-webgpu');
    await expect(page.getByRole('heading', { name: 'Reading the loss' })).toBeVisible();
    await expect(page.getByTestId('corpus-sample')).toContainText('Fulton County');
    expect(Number(await page.getByTestId('sample-tokens').getAttribute('data-count'))).toBeGreaterThan(20);
    await expect(page.getByTestId('input-target-targets')).toBeVisible();
    await expect(page.getByTestId('start')).toHaveCount(0);
    await expect(page.getByTestId('needs-gpu').first()).toContainText('Training needs WebGPU');
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
