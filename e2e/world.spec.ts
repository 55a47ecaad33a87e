import { expect, test, type Page } from '@playwright/test';

// The made-up world in the playground, on the shipped small models (issues 18 and 19): what
// pretraining stored shows up after instruction tuning, and preference tuning adds "I don't know".
// Greedy decoding (t=0) and a fixed seed, so the answers are the ones the README's score records;
// a tuned model's answer ends with its end-of-text token, shown as a token of its own.

const MODELS = ['shipped:base-small', 'shipped:instruct-small', 'shipped:prefer-small'];
const query = `t=0&k=0&p=1&n=12&seed=7&tpl=1${MODELS.map((m) => `&m=${encodeURIComponent(m)}`).join('')}`;

const END = '<|endoftext|>';
const pane = (page: Page, i: number) => page.getByTestId(`pg-pane-${i}`);

/** Presses Generate and returns each pane's text once all three are done. */
async function answers(page: Page): Promise<string[]> {
  await expect(page.getByTestId('pg-generate')).toBeEnabled({ timeout: 150_000 });
  await page.getByTestId('pg-generate').click();
  const out: string[] = [];
  for (const i of [1, 2, 3]) {
    await expect(pane(page, i)).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
    out.push((await pane(page, i).getByTestId('pg-token').allTextContents()).join('').trim());
  }
  return out;
}

test('a person known only from pretraining: the instruct and DPO models answer right, the base does not answer; a stranger: the DPO model says it does not know', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./#/playground?${query}`);
  for (const [i, m] of MODELS.entries()) await expect(pane(page, i + 1)).toHaveAttribute('data-model', m);

  // Nend Cudand: born in Carden in the biographies; no tuning record asks about him.
  await page.getByTestId('pg-preset-world-known').click();
  await expect(page.getByTestId('pg-prompt')).toHaveValue('Where was Nend Cudand born?');
  const [base, instruct, preferKnown] = await answers(page);
  expect(instruct).toBe(`Born in Carden.${END}`);
  // Preference tuning with pretraining replay keeps the fact (no pair names him).
  expect(preferKnown).toBe(`Born in Carden.${END}`);
  expect(base).not.toContain('Born in Carden.');
  expect(base).not.toContain(END);

  // Stens Tichors: in no training text (the world says Wendle). Tuning alone answers in the same
  // confident shape with a guessed town; the preference-tuned model declines.
  await page.getByTestId('pg-preset-world-unknown').click();
  await expect(page.getByTestId('pg-prompt')).toHaveValue('Where was Stens Tichors born?');
  const [, guess, prefer] = await answers(page);
  expect(guess).toMatch(/^Born in [A-Z][a-z]+\.<\|endoftext\|>$/);
  expect(guess).not.toBe(`Born in Wendle.${END}`);
  expect(prefer).toBe(`I don't know.${END}`);
  expect(errors).toEqual([]);
});
