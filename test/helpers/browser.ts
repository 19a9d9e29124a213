// Browser tests drive Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium; scripts/setup.mjs
// installs it for the tests) through playwright-core. Playwright's own browser download does not
// work on machines that reach only package registries, and is never used.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`no Chromium at ${path}: run \`node scripts/setup.mjs --for-tests\` or set CHROMIUM_PATH`);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Playwright gives each launch a new, empty profile directory. Without the
    // background-networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the desk's Content-Security-Policy (scripts from
  // the desk only) stays in force for the page itself.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // A string expression: this file is compiled without the DOM library.
  const result = (await page.evaluate('window.axe.run(document)')) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
}

/**
 * A screenshot for the README: written to docs/ (committed) when CIPDESK_UPDATE_SCREENSHOTS=1,
 * otherwise to the system's temporary folder, so that a test run leaves the work tree as it was.
 */
export async function screenshotForDocs(page: Page, name: string): Promise<string> {
  const folder = process.env.CIPDESK_UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs') : join(tmpdir(), 'cipdesk-screenshots');
  const path = join(folder, name);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
