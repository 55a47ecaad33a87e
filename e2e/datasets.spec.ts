import { expect, test } from '@playwright/test';

// The Datasets page: the three built-in sets load with their counts and can be browsed; a bad
// upload is refused with an error naming the file and the line, and a good file stays loaded.
test('the Datasets page shows counts, browses examples and names the bad line of an upload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('./#/datasets');
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();

  // Counts, read from the loaded files themselves.
  const corpus = page.getByTestId('corpus');
  await expect(corpus.getByTestId('corpus-row-train')).toContainText(/train\s*448\s*5,352,433/);
  await expect(corpus.getByTestId('corpus-row-val')).toContainText(/val\s*52/);
  await expect(page.getByTestId('spam').getByTestId('spam-row-test')).toContainText(/test\s*819\s*343/);
  await expect(page.getByTestId('spam-balanced').getByTestId('spam-balanced-row-train')).toContainText(/train\s*1,200\s*1,200\s*50%/);
  await expect(page.getByTestId('instruct').getByTestId('instruct-row-antonym')).toBeVisible();
  // The shortcut report: before the cleaning a list tag or reply prefix is among the strongest ham
  // features; after it, none is; the yardstick does better on the everyday messages.
  const report = page.getByTestId('shortcut-report');
  await expect(report.getByTestId('shortcuts-before-ham').getByTestId('shortcut-row')).toHaveCount(8);
  const beforeHam = await report.getByTestId('shortcuts-before-ham').locator('code').allTextContents();
  const afterHam = await report.getByTestId('shortcuts-after-ham').locator('code').allTextContents();
  expect(beforeHam.some((t) => t === '[' || t === 'Re')).toBe(true);
  expect(afterHam.some((t) => t === 'Re' || t === 'e:')).toBe(false);
  expect(Number(await report.getAttribute('data-everyday-after'))).toBeGreaterThan(Number(await report.getAttribute('data-everyday-before')));
  // The label-balance chart has labelled axes.
  await expect(page.getByTestId('spam').locator('.recharts-label').filter({ hasText: 'messages' })).toHaveCount(1);

  // Browse: the first corpus document is Brown's ca01, the next one ca02.
  const docs = page.getByTestId('corpus-browser');
  await expect(docs.getByTestId('corpus-browser-item')).toContainText('ca01');
  await expect(docs.getByTestId('corpus-browser-item')).toContainText('The Fulton County Grand Jury said Friday');
  await docs.getByRole('button', { name: 'Next document' }).click();
  await expect(docs.getByTestId('corpus-browser-item')).toContainText('ca02');

  // The made-up world: three groups of 100, and a known person's biographies, an unknown person's none.
  const world = page.getByTestId('world-viewer');
  await expect(world).toHaveAttribute('data-people', '300');
  await expect(world.locator('[data-testid="world-group"][data-group="held-out"]')).toContainText(/held-out\s*100/);
  await expect(world.getByTestId('world-person')).toHaveCount(20);
  await world.getByTestId('world-person').first().getByRole('button').click();
  await expect(world.getByTestId('world-bios')).toHaveAttribute('data-count', '24');
  await world.getByTestId('world-group-select').selectOption('unknown');
  await world.getByTestId('world-person').first().getByRole('button').click();
  await expect(world.getByTestId('world-bios')).toHaveAttribute('data-count', '0');
  await expect(world.getByTestId('world-bios')).toContainText('in no training text');

  // Filter the instruction set to one family and split.
  const inst = page.getByTestId('instruct');
  await inst.getByLabel('Task').selectOption('word_count');
  await inst.getByLabel('Split').selectOption('test');
  await expect(inst.getByTestId('instruct-browser-total')).toHaveText('50');
  await expect(inst.getByTestId('instruct-browser-item')).toContainText('How many words are in this sentence?');

  // Spam browser filtered to spam shows a spam badge.
  const spam = page.getByTestId('spam');
  await spam.getByLabel('Label').selectOption('spam');
  await expect(spam.getByTestId('spam-browser-item').locator('.badge')).toHaveText('spam');

  // Upload a good CSV, then a bad one: the error names file and line; the good one stays.
  const upload = page.getByTestId('upload-classify');
  const input = upload.locator('input[type=file]');
  await input.setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from('label,text\nham,see you at lunch\nspam,WIN A PRIZE now\n') });
  await expect(page.getByTestId('upload-classify-loaded')).toContainText('mine.csv: 2 messages');
  await expect(page.getByTestId('user-classify').getByTestId('user-classify-row-all')).toContainText(/all\s*1\s*1/);
  await input.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('label,text\nham,hello\nspma,buy now\n') });
  const err = page.getByTestId('upload-classify-errors');
  await expect(err).toContainText('bad.csv, line 3, field "label": unknown label "spma"');
  await expect(err).toContainText('mine.csv is still in use');
  await expect(page.getByTestId('upload-classify-loaded')).toContainText('mine.csv');

  // A binary file given as pretraining text, and a JSONL record without output.
  await page.getByTestId('upload-pretrain').locator('input[type=file]').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) });
  await expect(page.getByTestId('upload-pretrain-errors')).toContainText('photo.txt, line 1: this looks like a binary file');
  await page.getByTestId('upload-instruct').locator('input[type=file]').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/json', buffer: Buffer.from('{"instruction":"a","output":"b"}\n{"instruction":"c"}\n') });
  await expect(page.getByTestId('upload-instruct-errors')).toContainText('mine.jsonl, line 2, field "output": missing field "output"');

  // A file too large for the page is refused before it is read.
  await page.getByTestId('upload-pretrain').locator('input[type=file]').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(11 * 1024 * 1024, 'a') });
  await expect(page.getByTestId('upload-pretrain-errors')).toContainText('big.txt: the file is 11.0 MB; the page accepts files up to 10.0 MB');
  expect(pageErrors).toEqual([]);
});
