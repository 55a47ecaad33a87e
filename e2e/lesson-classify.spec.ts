import { expect, test, type Page } from '@playwright/test';
import { BASE_FLAGS, findChromium } from '../scripts/chromium.mjs';

// Lesson 2 in Chromium's WebGPU (SwiftShader on a machine without a GPU). The run starts from the
// tiny shipped checkpoint `shipped:base-test` (the `test` preset) and trains the head only for a
// few steps: enough to check the whole path (run, charts, test report, message box, run table),
// not to learn spam. Each test gets a fresh browser context (empty IndexedDB and localStorage).

const TINY = 'shipped:base-test';
// `test` preset, 2-class head: 2·32 weights + 2 biases.
const HEAD_PARAMS = 66;

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./#/lesson/classify');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lesson 2: Spam classification');
  return errors;
}

test('trains the head from a tiny checkpoint: charts, test report with a confusion matrix, the message box and a new table row', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = await open(page);

  // The labelled data: 1,200 + 172 + 343 messages of each class.
  await expect(page.getByTestId('class-examples-row-train')).toContainText('1,200');
  await expect(page.getByTestId('class-examples-row-test')).toContainText('343');
  await expect(page.getByTestId('class-runs-empty')).toBeVisible();

  // Start from the tiny shipped base; each choice shows its trainable count for that model.
  const start = page.getByTestId('class-start');
  await expect(start.locator(`option[value="${TINY}"]`)).toHaveCount(1, { timeout: 90_000 });
  await start.selectOption(TINY);
  await expect(page.getByTestId('class-choice-head')).toHaveAttribute('data-trainable', String(HEAD_PARAMS));
  await expect(page.getByTestId('class-choice-head')).toContainText(`${HEAD_PARAMS} trainable of`);
  const lastBlock = Number(await page.getByTestId('class-choice-last-block').getAttribute('data-trainable'));
  const all = Number(await page.getByTestId('class-choice-all').getAttribute('data-trainable'));
  expect(lastBlock).toBeGreaterThan(HEAD_PARAMS);
  expect(all).toBeGreaterThan(lastBlock);
  // The upload control sits with the run's choices.
  await expect(page.getByTestId('upload-classify')).toBeVisible();

  // The prompted base model, no head and no training: near the 50% of a coin toss on the balanced test split.
  await page.getByTestId('baseline-run').click();
  const baseline = page.getByTestId('baseline-report');
  await expect(baseline).toBeVisible({ timeout: 180_000 });
  expect(Number(await baseline.getAttribute('data-n'))).toBe(686);
  const baseAcc = Number(await baseline.getAttribute('data-accuracy'));
  expect(baseAcc).toBeGreaterThan(0.35);
  expect(baseAcc).toBeLessThan(0.65);

  await page.getByTestId('class-choice-head').getByRole('radio').check();
  await page.getByTestId('class-steps').fill('6');
  await page.getByTestId('class-batch').fill('4');
  await page.getByTestId('class-start-run').click();

  const status = page.getByTestId('class-run-status');
  await expect(status).toHaveAttribute('data-status', /loading|training|done/, { timeout: 90_000 });
  await expect(status).toHaveAttribute('data-status', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('class-train')).toContainText(`${HEAD_PARAMS} of`);
  // The start list (and so each choice's count) is still there after the run saved its checkpoint.
  await expect(page.getByTestId('class-choice-head')).toHaveAttribute('data-trainable', String(HEAD_PARAMS));

  // Live charts: loss read-backs and at least one validation accuracy.
  const loss = page.getByTestId('class-loss-chart');
  expect(Number(await loss.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
  const firstLoss = Number(await loss.getAttribute('data-first-loss'));
  expect(firstLoss).toBeGreaterThan(0);
  expect(firstLoss).toBeLessThan(3); // two classes: a fresh head is near ln 2 = 0.69
  const acc = page.getByTestId('accuracy-chart');
  await expect.poll(async () => Number(await acc.getAttribute('data-val-points'))).toBeGreaterThanOrEqual(1);
  const lastVal = Number(await acc.getAttribute('data-last-val'));
  expect(lastVal).toBeGreaterThanOrEqual(0);
  expect(lastVal).toBeLessThanOrEqual(100);

  // The test report: accuracy, per-class precision/recall, and a confusion matrix that counts every test message.
  const report = page.getByTestId('test-report');
  await expect(report).toBeVisible({ timeout: 180_000 });
  const n = Number(await report.getAttribute('data-n'));
  expect(n).toBe(686);
  const accuracy = Number(await report.getAttribute('data-accuracy'));
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('test-report-accuracy')).toHaveText(`${(100 * accuracy).toFixed(1)}%`);
  await expect(page.getByTestId('test-report-per-class')).toContainText('precision');
  const cells = (await report.getByTestId('confusion-matrix').getAttribute('data-cells'))!.split(',').map(Number);
  expect(cells).toHaveLength(4);
  expect(cells.reduce((a, b) => a + b, 0)).toBe(n);
  // Each true class has 343 messages in the balanced test split; the diagonal is the right answers.
  expect(cells[0] + cells[1]).toBe(343);
  expect(cells[2] + cells[3]).toBe(343);
  expect((cells[0] + cells[3]) / n).toBeCloseTo(accuracy, 6);

  // Any message gets a spam probability, and is shown back as text, not markup.
  const typed = 'Subject: <b>WIN</b> a prize\nClick <a href="x">here</a> now!!!';
  await page.getByTestId('try-message-text').fill(typed);
  await page.getByTestId('try-message-go').click();
  const answer = page.getByTestId('try-message-answer');
  await expect(answer).toBeVisible({ timeout: 60_000 });
  const p = Number(await answer.getAttribute('data-spam-prob'));
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('try-message-prob')).toHaveText(`${(100 * p).toFixed(1)}%`);
  await expect(answer).toContainText('<b>WIN</b>');
  await expect(answer.locator('b')).toHaveCount(0);

  // Beside the test split, the everyday messages written for the lab: scored when the run finished,
  // named in a sentence with both of the learner's numbers.
  const everyday = page.getByTestId('everyday-report');
  await expect(everyday).toBeVisible();
  const shipped = Number(await everyday.getAttribute('data-n'));
  expect(shipped).toBe(48);
  const everydayAccuracy = Number(await everyday.getAttribute('data-accuracy'));
  await expect(page.getByTestId('domain-shift')).toContainText(`${(100 * accuracy).toFixed(1)}% on the corpus's test messages, ${(100 * everydayAccuracy).toFixed(1)}% on everyday ones`);
  // The learner adds the typed message as spam: it joins the everyday split (shown as text) and is scored at once.
  await page.getByTestId('add-mine-spam').click();
  await expect(page.getByTestId('add-mine-status')).toHaveText('Added to your everyday messages as spam.');
  await expect(page.getByTestId('my-messages')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('my-message')).toContainText('<b>WIN</b>');
  await expect(everyday).toHaveAttribute('data-n', String(shipped + 1), { timeout: 60_000 });
  const cellsAfter = (await everyday.getByTestId('confusion-matrix').getAttribute('data-cells'))!.split(',').map(Number);
  expect(cellsAfter[2] + cellsAfter[3]).toBe(shipped / 2 + 1);

  // The run table gained one row with this run's facts, and keeps it across a reload.
  const rows = page.getByTestId('class-run-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Head only');
  await expect(rows.first()).toContainText('last token');
  await expect(rows.first()).toContainText(String(HEAD_PARAMS));
  await expect(rows.first().getByTestId('class-run-accuracy')).toHaveText(`${(100 * accuracy).toFixed(1)}%`);
  await expect(rows.first().getByTestId('class-run-everyday')).toHaveText(`${(100 * everydayAccuracy).toFixed(1)}%`);

  await page.reload();
  await expect(page.getByTestId('class-run-row')).toHaveCount(1);
  // The finished run comes back from its autosave and shows its report again, without a second row.
  await expect(page.getByTestId('test-report')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('class-run-row')).toHaveCount(1);

  // The experiment: read the class at the first token. The table gains a second row that says so.
  await page.getByTestId('class-start').selectOption(TINY);
  await page.getByTestId('class-choice-head').getByRole('radio').check();
  await page.getByTestId('class-read-first').check();
  await page.getByTestId('class-steps').fill('4');
  await page.getByTestId('class-batch').fill('4');
  await page.getByTestId('class-start-run').click();
  await expect(page.getByTestId('class-run-row')).toHaveCount(2, { timeout: 240_000 });
  await expect(page.getByTestId('class-run-row').nth(1)).toHaveAttribute('data-read-at', 'first');
  await expect(page.getByTestId('class-run-row').nth(1)).toContainText('first token');
  await expect(page.getByTestId('class-train')).toContainText('class read at the first token');
  expect(errors).toEqual([]);
});

test('the learner\'s own labelled file: errors by line next to the control, then a clean file trains', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = await open(page);
  const input = page.getByTestId('upload-classify').locator('input[type=file]');
  await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('label,text\nspam,"Win money, now"\nmaybe,hello there\n') });
  await expect(page.getByTestId('upload-classify-errors')).toContainText('bad.csv, line 3, field "label"');
  await expect(page.getByTestId('class-data-upload')).toBeDisabled();

  // 30 of each class, with commas, quotes and newlines inside the messages.
  const rows = Array.from({ length: 60 }, (_, i) => (i % 2 ? `spam,"Subject: FREE prize #${i}, click ""now""\nClaim it today"` : `ham,"Subject: notes ${i}\nSee you at the meeting, thanks"`));
  await input.setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(['label,text', ...rows].join('\n')) });
  await expect(page.getByTestId('upload-classify-loaded')).toContainText('60 messages');
  await page.getByTestId('class-data-upload').check();
  const accepted = page.getByTestId('class-upload-accepted');
  await expect(accepted).toContainText('mine.csv', { timeout: 90_000 });
  const counts = (await accepted.innerText()).match(/(\d+) training, (\d+) validation and (\d+) test/)!.slice(1).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(60);

  const start = page.getByTestId('class-start');
  await expect(start.locator(`option[value="${TINY}"]`)).toHaveCount(1, { timeout: 90_000 });
  await start.selectOption(TINY);
  await page.getByTestId('class-choice-head').getByRole('radio').check();
  await page.getByTestId('class-steps').fill('3');
  await page.getByTestId('class-batch').fill('4');
  await page.getByTestId('class-start-run').click();
  // The test report counts the file's own test rows.
  const report = page.getByTestId('test-report');
  await expect(report).toBeVisible({ timeout: 240_000 });
  expect(Number(await report.getAttribute('data-n'))).toBe(counts[2]);
  await expect(page.getByTestId('class-run-row')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('without WebGPU the lesson reads, shows the data and says why training is off', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch({ executablePath: findChromium() ?? undefined, args: BASE_FLAGS });
  try {
    const page = await browser.newPage({ baseURL });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('./#/lesson/classify');
    await expect(page.getByTestId('classify-needs-webgpu')).toContainText('WebGPU');
    await expect(page.getByTestId('webgpu-missing')).toContainText('--enable-unsafe-webgpu');
    await expect(page.getByRole('heading', { name: 'Why the label is read at the last token' })).toBeVisible();
    await expect(page.getByTestId('class-examples-row-train')).toContainText('1,200');
    await expect(page.getByTestId('class-start-run')).toBeDisabled();
    await expect(page.getByTestId('class-why-not')).toContainText('WebGPU');
    await expect(page.getByTestId('try-message-go')).toBeDisabled();
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
