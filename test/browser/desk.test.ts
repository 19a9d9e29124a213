// The desk in a real browser (Debian's Chromium through playwright-core) against the whole
// system: real PostgreSQL, the Temporal dev server, the worker and the API listening on a port.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotForDocs, seriousAccessibilityViolations } from '../helpers/browser.js';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.js';
import { receivedWithDaysLeft, receivedWithDeadlinePassed } from '../helpers/rule-dates.js';
import { bearer, TEST_TOKENS } from '../helpers/tokens.js';
import { eq } from 'drizzle-orm';
import type { Role } from '../../config.js';
import { personalDataReads } from '../../db/schema/customers.js';

let system: TestSystem;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  system = await startTestSystem();
  await system.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(system.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

async function api(method: 'GET' | 'POST', url: string, payload?: object, role: Role = 'case_handler') {
  const res = await system.app.inject({ method, url, headers: bearer(role), ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

async function openCipRequest(receivedAt: string): Promise<{ id: string; reference: string }> {
  const reference = `BIS-CIP-${randomUUID().slice(0, 8)}`;
  const res = await api('POST', '/v1/cip-transmission-requests', { requestReference: reference, cipOwner: { type: 'provider' }, receivedAt });
  expect(res.status).toBe(201);
  return { id: res.body.id, reference };
}

async function signIn(subject: string): Promise<Page> {
  const token = TEST_TOKENS.find((t) => t.subject === subject)!.token;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'America/New_York' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${baseUrl}/desk/`);
  // No session yet: the desk sends the browser to the sign-in page.
  await page.waitForURL(/\/desk\/sign-in$/);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Case queue' }).waitFor();
  return page;
}


describe('the case handlers desk', () => {
  it('signs in, finds a case in the queue, opens it and takes it; the timeline shows the assignment', async () => {
    // A few cases so that the queue shows due, due-soon and overdue rows (screenshot for the README).
    const due = await openCipRequest(receivedWithDaysLeft(8).toISOString());
    await openCipRequest(receivedWithDaysLeft(3).toISOString());
    await openCipRequest(receivedWithDeadlinePassed(1).toISOString());
    await eventually(async () => ((await api('GET', `/v1/cases/${due.id}`, undefined, 'legal')).status === 200 ? true : undefined));

    const page = await signIn('hana.handler');
    await page.getByRole('link', { name: 'Unassigned' }).click();
    await page.getByLabel('Subject type').fill('provider-cip');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const row = page.getByRole('row').filter({ hasText: `#${due.id.slice(0, 8)}` });
    await row.waitFor();
    await expect(row.getByText(/days left/)).toBeTruthy();
    expect(await page.getByText(/Overdue by/).count()).toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshotForDocs(page, 'desk-queue.png');

    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /CIP transmission|cip-transmission/i }).waitFor();
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('hana.handler', { exact: true }).first().waitFor();
    await page.getByText('case.assigned').waitFor();
    expect(await page.getByRole('heading', { name: 'Why this due date' }).isVisible()).toBe(true);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows admins the webhook subscriptions and deliveries; other roles do not get the page', async () => {
    const created = await api('POST', '/v1/webhook-subscriptions', { url: 'http://127.0.0.1:9/hooks', eventTypes: ['deadline.reminder'] }, 'admin');
    expect(created.status).toBe(201);
    const page = await signIn('ada.admin');
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhook subscriptions' }).waitFor();
    await page.getByRole('cell', { name: 'http://127.0.0.1:9/hooks' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();

    const handler = await signIn('henrik.handler');
    expect(await handler.getByRole('link', { name: 'Webhooks' }).count()).toBe(0);
    await handler.context().close();
    expect((await system.app.inject({ method: 'DELETE', url: `/v1/webhook-subscriptions/${created.body.id}`, headers: bearer('admin') })).statusCode).toBe(204);
  });

  it('shows a customer without personal data until a purpose is chosen, and the API records the read', async () => {
    const created = await api('POST', '/v1/customers', {
      kind: 'individual',
      externalReference: `desk-${randomUUID()}`,
      usCitizen: false,
      usLawfulPermanentResident: false,
      locatedInUnitedStates: false,
      name: 'Mira Example',
      address: { lines: ['2 Rue Test'], city: 'Paris', postalCode: '75001', country: 'FR' },
      paymentMethods: [{ type: 'card', identifier: '4111111111111111', source: 'own funds' }],
      email: 'mira@example.test',
      telephone: '+33 1 23 45 67 89',
      account: {},
    });
    expect(created.status).toBe(201);
    const customerId = created.body.customer.id as string;
    const page = await signIn('lena.legal');
    await page.goto(`${baseUrl}/desk/customers/${customerId}`);
    await page.getByRole('heading', { name: /Customer/ }).first().waitFor();
    expect(await page.content()).not.toContain('Mira Example');
    await page.getByLabel('Purpose').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Show personal data' }).click();
    await page.getByText('Mira Example').waitFor();
    // The identification workflow's own special-measures check reads as `system`; the desk's
    // read is the one made by the signed-in person.
    const reads = await system.db.db.select().from(personalDataReads).where(eq(personalDataReads.customerId, customerId));
    expect(reads.filter((read) => read.actor !== 'system')).toMatchObject([{ actor: 'lena.legal', purpose: 'identity-verification' }]);
    await page.context().close();
  });
});
