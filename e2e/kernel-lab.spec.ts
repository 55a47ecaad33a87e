import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// The kernel lab in Chromium's WebGPU (SwiftShader here): edit a kernel in monaco, see the compile
// error at its line, fix it, Check a correct and a broken edit, swap the correct one into a running
// test-preset run (the chart marks it) and restore it. A fresh context: no saved edits or runs.

const RESIDUAL = readFileSync('src/kernels/residual.wgsl', 'utf8');
/** 1-based line of the first line starting with `prefix` in the shipped residual.wgsl. */
const lineOf = (prefix: string) => RESIDUAL.split('\n').findIndex((l) => l.startsWith(prefix)) + 1;

async function gotoLine(page: Page, line: number) {
  await page.getByTestId('kernel-editor').locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
}

test('edit a kernel, see its compile error, Check it, swap it into a live run and restore it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Monaco and its worker come from this server (bundled by Vite), never from a CDN.
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!/^(https?:\/\/localhost[:/]|data:|blob:)/.test(r.url())) foreign.push(r.url());
  });
  await page.goto('./');
  await page.getByRole('link', { name: 'Kernel lab' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kernel lab');

  await page.getByTestId('kernel-tab-residual.wgsl').click();
  const panel = page.getByTestId('kernel-panel');
  await expect(panel).toHaveAttribute('data-file', 'residual.wgsl');
  await expect(page.getByTestId('kernel-reference')).toContainText('export function residual_backward');
  await expect(page.getByTestId('kernel-signature')).toContainText('void residual_backward(float* dinp1');
  const status = page.getByTestId('kernel-compile-status');
  await expect(status).toHaveAttribute('data-errors', '0');

  // A syntax error: the marker sits on the edited line of residual.wgsl (common.wgsl comes first in the composed source).
  const line = lineOf('fn residual_forward');
  expect(line).toBeGreaterThan(5);
  await gotoLine(page, line);
  await page.keyboard.type('garbage ');
  await expect(status).not.toHaveAttribute('data-errors', '0');
  const problem = page.getByTestId('kernel-problem').first();
  await expect(problem).toHaveAttribute('data-file', 'residual.wgsl');
  await expect(problem).toHaveAttribute('data-line', String(line));
  await expect(problem).toHaveAttribute('data-column', '1');
  await expect(page.getByTestId('kernel-editor').locator('.squiggly-error').first()).toBeAttached();
  // Fix it.
  for (let i = 0; i < 'garbage '.length; i++) await page.keyboard.press('Backspace');
  await expect(status).toHaveAttribute('data-errors', '0');
  await expect(page.getByTestId('kernel-problem')).toHaveCount(0);

  // A broken edit (= for +=): Check fails with the coordinates of the first mismatch; swapping it asks first.
  await page.getByTestId('exercise-assign-not-accumulate-edit').click();
  await expect(panel).toHaveAttribute('data-file', 'residual.wgsl');
  await expect(status).toHaveAttribute('data-errors', '0');
  await page.getByTestId('kernel-check').click();
  const result = page.getByTestId('kernel-check-result');
  await expect(result).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('kernel-check-mismatch')).toHaveAttribute('data-tensor', 'dinp1');
  await expect(page.getByTestId('kernel-check-mismatch')).toHaveAttribute('data-coords', '0');
  await expect(page.getByTestId('kernel-check-mismatch')).toContainText('at [0]');

  // An edited but correct kernel: a comment added; Check passes.
  await page.getByTestId('kernel-reset').click();
  await gotoLine(page, line);
  await page.keyboard.type('// my own copy of the residual kernel');
  await page.keyboard.press('Enter');
  await expect(status).toHaveAttribute('data-errors', '0');
  await page.getByTestId('kernel-check').click();
  await expect(result).toHaveAttribute('data-ok', 'true');
  await expect(result).toHaveAttribute('data-current', 'true');

  // A running test-preset run; the checked kernel swaps in without a warning and the chart marks it.
  await page.getByTestId('preset-test').getByRole('radio').check();
  await page.getByTestId('steps').fill('400');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');
  await expect.poll(async () => Number(await page.getByTestId('run-step').getAttribute('data-step')), { timeout: 120_000 }).toBeGreaterThanOrEqual(4);
  await page.getByTestId('kernel-swap').click();
  await expect(page.getByTestId('kernel-swap-warning')).toHaveCount(0);
  await expect(page.getByTestId('kernel-swapped-badge')).toBeVisible();
  await expect(page.getByTestId('kernel-tab-residual.wgsl')).toContainText('swapped in');
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-marks', '1');
  await expect(chart).toContainText('swapped in: residual.wgsl');
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'training');

  // Time: the edited and the shipped kernel on the run's shapes.
  await page.getByTestId('kernel-time').click();
  await expect(page.getByTestId('kernel-time-edited')).toContainText(/ms, [\d.]+ GB\/s/, { timeout: 90_000 });
  await expect(page.getByTestId('kernel-time-shipped')).toContainText(/ms, [\d.]+ GB\/s/);

  // An unchecked edit asks before it swaps.
  await gotoLine(page, line);
  await page.keyboard.type('// another line');
  await page.getByTestId('kernel-swap').click();
  await expect(page.getByTestId('kernel-swap-warning')).toContainText('has not been checked');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByTestId('kernel-restore').click();
  await expect(page.getByTestId('kernel-swapped-badge')).toHaveCount(0);
  await expect(chart).toHaveAttribute('data-marks', '2');
  await expect(chart).toContainText('restored: residual.wgsl');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'paused');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});
