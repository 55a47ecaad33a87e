import { expect, test, type Page } from '@playwright/test';

const N = 14; // cards in src/lessons/flashcards/cards.ts
const FIRST = 'What is a base model?';
const SECOND = 'What is an instruction-tuned model?';

const card = (page: Page) => page.getByTestId('flashcard');
const front = (page: Page) => page.getByTestId('flashcard-text');

/** The fronts of all cards in the shown order, read by pressing the right arrow key. */
async function readOrder(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < N; i++) {
    await expect(page.getByTestId('flashcard-status')).toContainText(`Card ${i + 1} of ${N}`);
    seen.push((await front(page).textContent()) ?? '');
    await page.keyboard.press('ArrowRight');
  }
  return seen;
}

test.beforeEach(async ({ page }) => {
  await page.goto('./#/flashcards');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Flashcards');
});

test('cards flip by click, Space and Enter, and the arrow keys move between them', async ({ page }) => {
  await expect(front(page)).toHaveText(FIRST);
  await expect(page.getByTestId('flashcard-side')).toHaveText('Question');
  await card(page).focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('flashcard-side')).toHaveText('Answer');
  await expect(front(page)).toContainText('pretraining produces');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flashcard-side')).toHaveText('Question');
  await card(page).click();
  await expect(card(page)).toHaveAttribute('data-side', 'answer');
  await page.keyboard.press('ArrowRight');
  await expect(front(page)).toHaveText(SECOND); // a new card shows its question first
  await expect(page.getByTestId('flashcard-status')).toContainText(`Card 2 of ${N}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft'); // wraps round to the last card
  await expect(page.getByTestId('flashcard-status')).toContainText(`Card ${N} of ${N}`);
  await expect(front(page)).toHaveText('What is perplexity?');
  // With focus on no control, Space still flips.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(card(page)).toHaveAttribute('data-side', 'answer');
});

test('shuffle gives a new order of the same cards, kept across a reload; deck order restores it', async ({ page }) => {
  await card(page).focus();
  const deck = await readOrder(page);
  expect(deck[0]).toBe(FIRST);
  await page.getByRole('button', { name: 'Shuffle' }).click();
  await card(page).focus();
  const mixed = await readOrder(page);
  expect(mixed).not.toEqual(deck);
  expect([...mixed].sort()).toEqual([...deck].sort());
  await page.reload();
  await card(page).focus();
  expect(await readOrder(page)).toEqual(mixed);
  await page.getByRole('button', { name: 'Deck order' }).click();
  await expect(page.getByRole('button', { name: 'Deck order' })).toHaveAttribute('aria-pressed', 'true');
  await card(page).focus();
  expect(await readOrder(page)).toEqual(deck);
});

test('"know it" and "again" move cards between Leitner boxes, and the boxes survive a reload', async ({ page }) => {
  await expect(page.getByTestId('box-1')).toContainText(`Box 1: ${N} cards`);
  await page.getByRole('button', { name: 'Know it' }).click(); // card 1 -> box 2
  await expect(front(page)).toHaveText(SECOND);
  await page.getByRole('button', { name: 'Know it' }).click(); // card 2 -> box 2
  await page.getByRole('button', { name: 'Again' }).click(); // card 3 stays in box 1
  await expect(page.getByTestId('box-1')).toContainText(`Box 1: ${N - 2} cards`);
  await expect(page.getByTestId('box-2')).toContainText('Box 2: 2 cards');
  await expect(page.getByRole('button', { name: /^Due this round/ })).toHaveText(`Due this round (${N - 3})`);

  await page.reload();
  await expect(page.getByTestId('box-1')).toContainText(`Box 1: ${N - 2} cards`);
  await expect(page.getByTestId('box-2')).toContainText('Box 2: 2 cards');
  await expect(page.getByTestId('flashcard-status')).toContainText(`Card 4 of ${N}`);
  await page.getByRole('button', { name: /^Due this round/ }).click();
  await expect(page.getByTestId('flashcard-status')).toContainText(`Card 1 of ${N - 3} due`);
  await expect(front(page)).not.toHaveText(FIRST);
  // Finish the round: every due card known; the next round brings back only the "again" card.
  for (let i = 0; i < N - 3; i++) await page.getByRole('button', { name: 'Know it' }).click();
  await expect(page.getByTestId('flashcard-status')).toHaveText('Nothing is due in round 1.');
  await expect(page.getByRole('button', { name: 'Start the next round' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('flashcard-status')).toContainText('Card 1 of 1 due');
  await expect(front(page)).toHaveText('What objective does SFT train on?'); // card 3, rated "again"
});

test('the print layout shows every card, question and answer, one card per page', async ({ page }) => {
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('flashcard-deck')).toBeHidden();
  await expect(page.locator('header.top')).toBeHidden();
  const cards = page.getByTestId('print-card');
  await expect(cards).toHaveCount(N);
  for (let i = 0; i < N; i++) {
    const c = cards.nth(i);
    await expect(c.locator('.print-q')).toBeVisible();
    await expect(c.locator('.print-a')).toBeVisible();
    const breakAfter = await c.evaluate((el) => getComputedStyle(el).breakAfter);
    expect(breakAfter, `card ${i + 1}`).toBe(i < N - 1 ? 'page' : 'auto');
    expect(await c.evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
  }
  await expect(cards.first().locator('.print-q')).toHaveText(FIRST);
  await expect(cards.first().locator('.print-a')).toContainText('pretraining produces');
  // The printed document itself: one page per card.
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(N);
  // On screen the printable deck stays out of the way.
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('print-deck')).toBeHidden();
  await expect(page.getByTestId('flashcard-deck')).toBeVisible();
});

test('the flashcards fit a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.reload();
  await expect(card(page)).toBeVisible();
  await card(page).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
