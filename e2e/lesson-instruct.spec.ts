import { expect, test, type Page } from '@playwright/test';
import { BASE_FLAGS, findChromium } from '../scripts/chromium.mjs';

// Lesson 3 on the tiny shipped base (`shipped:base-test`, the test preset) in Chromium's WebGPU
// (SwiftShader here): the mask drawing, a short instruction-tuning run, the side-by-side panel,
// the scores of base and tuned, and the stages overview afterwards. Runs are a few steps and the
// score sample is the smallest one, so the whole file stays within a few minutes on a shared CPU.

const STEPS = 12;

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/lesson/instruct');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Instruction tuning');
  return errors;
}

/** Counted flags of the drawn tokens, by role. */
async function maskByRole(page: Page) {
  const toks = page.getByTestId('template-explorer').getByTestId('mask-token');
  const rows = await toks.evaluateAll((els) => els.map((e) => [e.getAttribute('data-role'), e.getAttribute('data-counted')]));
  const of = (role: string) => rows.filter(([r]) => r === role).map(([, c]) => c);
  return { prompt: of('prompt'), response: of('response'), end: of('end'), pad: of('pad') };
}

test('the mask drawing greys out the prompt, and the toggle counts it', async ({ page }) => {
  const errors = await open(page);
  const explorer = page.getByTestId('template-explorer');
  await expect(explorer.getByTestId('template-text')).toContainText('### Instruction:');
  await expect(explorer.getByTestId('template-text')).toContainText('### Response:');
  await expect(explorer.getByTestId('mask-toggle')).toBeChecked();
  let m = await maskByRole(page);
  expect(m.prompt.length).toBeGreaterThan(5);
  expect(m.prompt.every((c) => c === 'no')).toBe(true);
  expect(m.response.length).toBeGreaterThan(0);
  expect(m.response.every((c) => c === 'yes')).toBe(true);
  expect(m.pad.every((c) => c === 'no')).toBe(true);
  await expect(explorer.locator('[data-role="prompt"]').first()).toContainText('not counted');
  const countedMasked = Number(await explorer.getByTestId('token-mask').getAttribute('data-counted'));
  expect(countedMasked).toBe(m.response.length + m.end.filter((c) => c === 'yes').length);

  await explorer.getByTestId('mask-toggle').uncheck();
  m = await maskByRole(page);
  // Unmasked, every prompt token but the very first (nothing predicts it) counts; padding still never does.
  expect(m.prompt.slice(1).every((c) => c === 'yes')).toBe(true);
  expect(m.prompt[0]).toBe('no');
  expect(m.pad.every((c) => c === 'no')).toBe(true);
  const countedOpen = Number(await explorer.getByTestId('token-mask').getAttribute('data-counted'));
  expect(countedOpen).toBe(countedMasked + m.prompt.length - 1);
  // The run controls follow the same setting.
  await expect(page.getByTestId('instruct-mask')).not.toBeChecked();
  await explorer.getByTestId('mask-toggle').check();
  await expect(page.getByTestId('instruct-mask')).toBeChecked();
  await explorer.getByTestId('next-record').click();
  await expect(explorer.getByTestId('record-index')).toContainText('Record 2 of');
  expect(errors).toEqual([]);
});

test('a short run from the tiny base updates the chart, the side-by-side panel and the scores; the stages page shows it', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = await open(page);
  const from = page.getByTestId('instruct-from');
  await expect(from.locator('option[value="shipped:base-test"]')).toHaveCount(1, { timeout: 120_000 });
  await from.selectOption('shipped:base-test');
  await page.getByTestId('instruct-steps').fill(String(STEPS));

  // The base column answers the held-out instructions before any training.
  const panel = page.getByTestId('side-by-side');
  const rows = panel.getByTestId('sbs-row');
  expect(await rows.count()).toBeGreaterThanOrEqual(4);
  await expect(panel.getByTestId('sbs-base').first()).toHaveAttribute('data-state', 'done', { timeout: 180_000 });

  await page.getByTestId('instruct-start').click();
  await expect(page.getByTestId('instruct-progress')).toHaveAttribute('data-status', /training|done/, { timeout: 120_000 });
  await expect.poll(async () => Number(await page.getByTestId('instruct-loss-chart').getAttribute('data-points')), { timeout: 240_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('instruct-progress')).toHaveAttribute('data-status', 'done', { timeout: 300_000 });
  // The base it started from stays a valid start for the next run.
  await expect(page.getByTestId('instruct-start')).toBeEnabled({ timeout: 60_000 });
  await expect(from).toHaveValue('shipped:base-test');

  // Every row has both answers; the tuned one was written by the run's model at a training step.
  await expect.poll(async () => panel.locator('[data-testid="sbs-tuned"][data-state="done"]').count(), { timeout: 300_000 }).toBe(await rows.count());
  await expect.poll(async () => panel.locator('[data-testid="sbs-base"][data-state="done"]').count(), { timeout: 60_000 }).toBe(await rows.count());
  expect(Number(await panel.getByTestId('sbs-tuned').first().getAttribute('data-step'))).toBeGreaterThan(0);

  // Finishing scores the run by itself; then both models on the smallest sample.
  await page.getByTestId('score-limit').selectOption('10');
  const scoreBoth = page.getByTestId('score-both');
  await expect(scoreBoth).toBeEnabled({ timeout: 300_000 });
  await scoreBoth.click();
  const format = page.getByTestId('score-row').filter({ has: page.locator('th', { hasText: 'format adherence' }) });
  await expect(format.getByTestId('score-base')).toHaveAttribute('data-value', /^(0|1|0\.\d+)$/, { timeout: 300_000 });
  await expect(format.getByTestId('score-tuned')).toHaveAttribute('data-value', /^(0|1|0\.\d+)$/, { timeout: 300_000 });
  expect(await page.getByTestId('score-row').count()).toBeGreaterThanOrEqual(4); // format + families of a 10-record sample
  await expect(page.getByTestId('score-chart')).toBeVisible();
  // The finished run is in the runs table once (its own end-of-run scores; the rescore adds no row), with its settings.
  const run = page.getByTestId('instruct-run-row');
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('data-masked', 'yes');
  await expect(run).toHaveAttribute('data-lora', 'no');
  await expect(run.locator('td').nth(3)).toHaveText(String(STEPS));
  await expect(run.getByTestId('run-format')).toHaveText(/^\d+% \(\d+%\)$/);

  await page.goto('./#/stages');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('three stages');
  for (const k of ['pretrain', 'classify', 'instruct']) {
    await expect(page.getByTestId(`stage-${k}`)).toBeVisible();
    await expect(page.getByTestId(`stage-${k}-mask`).getByTestId('mask-token').first()).toBeVisible();
  }
  await expect(page.getByTestId('stage-status-instruct')).toHaveAttribute('data-trained', 'yes');
  await expect(page.getByTestId('stage-status-instruct')).toContainText('format adherence');
  await expect(page.getByTestId('stage-status-classify')).toHaveAttribute('data-trained', 'no');
  // Pretraining counts every token after the first; classification none, reading the class at the end.
  const pre = await page.getByTestId('stage-pretrain-mask').getByTestId('mask-token').evaluateAll((e) => e.map((x) => x.getAttribute('data-counted')));
  expect(pre.slice(1).every((c) => c === 'yes')).toBe(true);
  await expect(page.getByTestId('stage-classify-mask').locator('[data-counted="yes"]')).toHaveCount(0);
  await expect(page.getByTestId('stage-classify-mask').locator('[data-role="label"]')).toHaveCount(1);
  // The lineage hangs the tuned run's autosave under the base it started from.
  await expect(page.getByTestId('lineage').locator('[data-id="shipped:base-test"] [data-id="autosave:instruct"][data-stage="instruct"]')).toBeVisible();

  // The finished run's own scores reach the world rows (the families are taken in turn): the quiz puts its numbers to the learner.
  await page.goto('./#/quiz');
  await expect(page.getByTestId('q-run-world-held-out')).toContainText(/got \d+\.\d% right \(\d+ questions?\) about people it had only read about/);
  await expect(page.getByTestId('q-run-world-unknown')).toContainText(/right \d+\.\d% of the time \(\d+ questions?; guessing gets 6\.3%\)/);
  expect(errors).toEqual([]);
});

test('the world table asks about the three kinds of people and shows a row for each, with what it proves', async ({ page }) => {
  test.setTimeout(400_000);
  const errors = await open(page);
  const from = page.getByTestId('instruct-from');
  await expect(from.locator('option[value="shipped:base-test"]')).toHaveCount(1, { timeout: 120_000 });
  await from.selectOption('shipped:base-test');
  const card = page.getByTestId('world-card');
  const rows = card.getByTestId('world-row');
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')))).toEqual(['sft', 'held-out', 'unknown']);
  await expect(card.getByTestId('world-score')).toBeEnabled({ timeout: 120_000 });
  await card.getByTestId('world-score').click();
  // 30 questions, the three families in turn: 10 about each kind of person.
  for (const g of ['sft', 'held-out', 'unknown']) {
    const row = card.locator(`[data-testid="world-row"][data-group="${g}"]`);
    await expect(row).toHaveAttribute('data-n', '10', { timeout: 300_000 });
    const exact = Number(await row.getAttribute('data-exact-base'));
    expect(exact).toBeGreaterThanOrEqual(0);
    expect(exact).toBeLessThanOrEqual(1);
  }
  await expect(card.locator('[data-group="held-out"]')).toContainText('known before tuning began');
  await expect(card.locator('[data-group="unknown"]')).toContainText('1 in 16');
  expect(errors).toEqual([]);
});

test('without WebGPU both pages explain themselves and the drawings still work', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: BASE_FLAGS });
  try {
    const page = await browser.newPage({ baseURL });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/lesson/instruct');
    await expect(page.getByTestId('instruct-needs-webgpu')).toContainText('WebGPU');
    await expect(page.getByTestId('instruct-start')).toHaveCount(0);
    await expect(page.getByTestId('template-explorer').locator('[data-role="prompt"][data-counted="no"]').first()).toBeVisible();
    await page.goto('./#/stages');
    await expect(page.getByTestId('stage-status-instruct')).toHaveAttribute('data-trained', 'no');
    await expect(page.getByTestId('stage-instruct-mask').locator('[data-counted="yes"]').first()).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
