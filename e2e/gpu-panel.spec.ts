import { expect, test } from '@playwright/test';

test('the home page presents the lab and the worker reports a real adapter', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Train a tiny GPT');
  const panel = page.getByTestId('gpu-panel');
  await expect(panel.getByRole('heading', { name: 'Your GPU' })).toBeVisible();
  // The worker opened a device and ran the self-test kernel on it.
  await expect(page.getByTestId('gpu-selftest')).toContainText('passed');
  await expect(page.getByTestId('gpu-adapter')).not.toHaveText('');
  await expect(page.getByTestId('gpu-vendor')).not.toHaveText('not reported');
  await expect(page.getByTestId('gpu-fallback')).toHaveText(/^(yes|no)/);
  await expect(panel.getByRole('row', { name: /Largest storage buffer binding/ })).toContainText(/\d+ (MiB|GiB)/);
  await expect(page.getByTestId('gpu-kernels')).toContainText(/matmul (blocked8_vec4|blocked_vec4|blocked|tiled)/);
  await expect(page.getByTestId('webgpu-missing')).toHaveCount(0);
});

// "Measure this GPU" on SwiftShader, kept short: one matmul variant and the test preset's steps
// (on SwiftShader each variant takes seconds on the base model's products, and a small step seconds).
test('Measure this GPU shows its figures, keeps them across a reload, and lesson 1 shows its time beside Start', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('gpu-selftest')).toContainText('passed');
  const m = page.getByTestId('gpu-measure');
  await expect(m.getByTestId('measure-none')).toBeVisible();
  await m.getByTestId('measure-presets').getByLabel('small').uncheck();
  // on a software adapter the tiled kernel starts unchecked (it never runs there and takes most of the time)
  await expect(m.getByTestId('measure-variants').getByLabel('tiled')).not.toBeChecked();
  await m.getByTestId('measure-variants').getByLabel('blocked_vec4').uncheck();
  await expect(m.getByTestId('measure-rough')).toContainText(/takes roughly \d+ s on a software adapter/);
  await m.getByTestId('measure-start').click();
  await expect(m.getByTestId('measure-start')).toBeDisabled();

  await expect(m.getByTestId('measure-results')).toBeVisible({ timeout: 60_000 });
  await expect(m.getByTestId('measure-progress')).toHaveCount(0);
  const gflops = Number(await m.getByTestId('measure-gflops-blocked8_vec4').textContent());
  expect(gflops).toBeGreaterThan(0.01);
  expect(gflops).toBeLessThan(10_000);
  await expect(m.getByTestId('measure-presets-table').getByRole('row', { name: /test/ })).toContainText('4 × 32');
  expect(Number((await m.getByTestId('measure-tps-test').textContent())!.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
  // lesson 1 runs the test preset on a software adapter; lessons 2 to 4 need small, not timed here
  await expect(m.getByTestId('measure-lesson-lesson/pretrain')).toContainText(/400 steps of 4 × 32 tokens on test, about .+ on this GPU \(measured\)/);
  await expect(m.getByTestId('measure-lesson-lesson/classify')).toContainText('the small preset was not measured');
  await expect(m.getByTestId('measure-lesson-lesson/prefer')).toContainText('400 steps of 40 × 128 tokens on small');

  const [download] = await Promise.all([page.waitForEvent('download'), m.getByTestId('measure-download').click()]);
  const file = JSON.parse(await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8')));
  expect(file.presets.map((p: { preset: string }) => p.preset)).toEqual(['test']);
  expect(file.matmul[0].gflops).toBeCloseTo(gflops, 1);
  expect(file.lessons).toHaveLength(4);
  expect(file.lessons[3]).toMatchObject({ lesson: 'Lesson 4: Preference tuning (DPO)', preset: 'small', steps: 400, batch: 40 });
  expect(file.lessons[0]).toMatchObject({ preset: 'test', steps: 400, batch: 4 });
  expect(file.lessons[0].seconds).toBeGreaterThan(0);

  // kept in this browser: lesson 1 (after a reload) says how long its run takes here
  await page.goto('./#/lesson/pretrain');
  await expect(page.getByTestId('start-estimate')).toContainText(/^Training takes about .+ on this GPU \(measured\)$/);
  await expect(page.getByTestId('start-estimate')).toHaveAttribute('data-seconds', String(file.lessons[0].seconds));
});
