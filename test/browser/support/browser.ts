import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { useFixture } from '../../support/use-test-app.js';

/** Test artifacts (screenshots) go here; the folder is git-ignored. */
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts', 'browser');

/** Debian's Chromium (`CHROMIUM_PATH` to use another), or whatever `chromium` is on the PATH. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'];
  for (const candidate of candidates) if (candidate !== undefined && existsSync(candidate)) return candidate;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return found === '' ? undefined : found;
  } catch {
    return undefined;
  }
}

const chromiumPath = findChromium();
const inCi = process.env.CI === 'true';

/**
 * `describe` for browser tests: skipped, saying why, when no Chromium is installed; in CI
 * (`CI=true`, where `.ci/run` installs it) a missing browser fails instead.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath !== undefined) {
    describe(name, body);
    return;
  }
  if (inCi) {
    describe(name, () => {
      it('has a Chromium to run in', () => {
        throw new Error(
          'No Chromium found (/usr/bin/chromium, CHROMIUM_PATH or chromium on the PATH); CI needs one',
        );
      });
    });
    return;
  }
  describe.skip(
    `${name} (skipped: no Chromium found at /usr/bin/chromium, CHROMIUM_PATH or on the PATH)`,
    body,
  );
}

/** A headless Chromium for the enclosing suite. */
export function useBrowser(): () => Browser {
  return useFixture('Chromium', {
    start: () =>
      chromium.launch({
        executablePath: chromiumPath ?? 'chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    stop: (browser) => browser.close(),
  });
}

/** Opens the local client in a fresh context (no remembered people), `width` px wide. */
export async function openClient(browser: Browser, url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.locator('[data-pane="0"] select').waitFor();
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  return page;
}

/** Where a screenshot named `name` goes under `test-artifacts/browser/` (the folder is made). */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name}.png`);
}

/** Saves a screenshot (of the whole page unless `fullPage` is false) under `test-artifacts/browser/`. */
export async function saveScreenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

const WAIT_MS = 20_000;

/** One person's conversation pane, driven as a person does: choosing, clicking, typing. */
export class PaneDriver {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    index: number,
  ) {
    this.root = page.locator(`[data-pane="${index}"]`);
  }

  /**
   * Picks the person in the list, or creates them with the "New person" form when the list
   * does not have them yet, and waits until their space is connected.
   */
  async pick(email: string): Promise<void> {
    const list = this.root.getByLabel('Person');
    if ((await list.locator(`option[value="${email}"]`).count()) > 0) await list.selectOption(email);
    else {
      await this.root.getByText('New person').click();
      await this.root.getByLabel('Email', { exact: true }).fill(email);
      await this.root.getByRole('button', { name: 'Create and open' }).click();
    }
    await this.root.locator('.who', { hasText: email }).waitFor({ timeout: WAIT_MS });
    await this.root.locator('.connection', { hasText: 'Connected' }).waitFor({ timeout: WAIT_MS });
  }

  cards(): Locator {
    return this.root.locator('.message.has-card .card');
  }

  /** Waits for the bot's `count`th card (1-based) and returns it. */
  async card(count: number): Promise<Locator> {
    const card = this.cards().nth(count - 1);
    await card.waitFor({ timeout: WAIT_MS });
    return card;
  }

  /** Waits for a card that reads `text` (the newest such) and returns it. */
  async cardWith(text: string | RegExp): Promise<Locator> {
    const card = this.cards().filter({ hasText: text }).last();
    await card.waitFor({ timeout: WAIT_MS });
    return card;
  }

  /** Clicks `button` on the newest card reading `text`, then waits for the next card. */
  async answer(
    text: string | RegExp,
    button: string,
    fill: (card: Locator) => Promise<void> = async () => {},
  ) {
    const before = await this.cards().count();
    const card = await this.cardWith(text);
    await fill(card);
    await card.getByRole('button', { name: button, exact: true }).click();
    await this.card(before + 1);
  }

  /** Types a message in the composer and sends it with Enter. */
  async say(text: string): Promise<void> {
    const box = this.root.getByLabel('Message', { exact: true });
    await box.fill(text);
    await box.press('Enter');
  }
}

/** Clicks `button` on the newest card that has it; returns how many cards there were before. */
export async function click(pane: PaneDriver, button: string, fill?: (card: Locator) => Promise<void>) {
  const before = await pane.cards().count();
  const card = pane
    .cards()
    .filter({ has: pane.page.getByRole('button', { name: button, exact: true }) })
    .last();
  await card.waitFor({ timeout: WAIT_MS });
  if (fill !== undefined) await fill(card);
  await card.getByRole('button', { name: button, exact: true }).click();
  if (process.env.BROWSER_TEST_TRACE === '1') process.stdout.write(`clicked ${button}\n`);
  return before;
}

/** Waits for a card after the first `after` ones that has a button named `button`. */
export async function waitForButton(pane: PaneDriver, button: string, after = 0): Promise<Locator> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const count = await pane.cards().count();
    for (let i = count - 1; i >= after; i -= 1) {
      const card = pane.cards().nth(i);
      if ((await card.getByRole('button', { name: button, exact: true }).count()) > 0) return card;
    }
    if (Date.now() > deadline) throw new Error(`no card with a "${button}" button arrived`);
    await pane.page.waitForTimeout(100);
  }
}

/** Clicks `button`, then waits for the next card with `nextButton`; returns that card. */
export async function step(
  pane: PaneDriver,
  button: string,
  nextButton: string,
  fill?: (card: Locator) => Promise<void>,
): Promise<Locator> {
  const before = await click(pane, button, fill);
  return waitForButton(pane, nextButton, before);
}
