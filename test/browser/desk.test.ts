// The desk in a real browser (Debian's Chromium through playwright-core) against the whole
// system: real PostgreSQL, the Temporal dev server, the worker and the API listening on a port.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotForDocs, seriousAccessibilityViolations } from '../helpers/browser.js';
import { eventually, useTestSystem } from '../helpers/system.js';
import { uploadProviderCip } from '../helpers/provider-cip.js';
import { germanEntityApplication, GERMAN_ENTITY } from '../helpers/applications.js';
import { issuedInForce } from '../helpers/special-measures.js';
import { NPRM_2024 } from '../../rules/index.js';
import { registerReseller } from '../helpers/resellers.js';
import { receivedWithDaysLeft, receivedWithDeadlinePassed } from '../helpers/rule-dates.js';
import { bearer, TEST_TOKENS } from '../helpers/tokens.js';
import { eq } from 'drizzle-orm';
import type { Role } from '../../config.js';
import { personalDataReads } from '../../db/schema/customers.js';

const system = useTestSystem();
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  await system.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(system.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
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

/** An AI-training report case for a run through a foreign reseller, transacted two days ago; its id. */
async function openAiReportThroughReseller(resellerCustomerReference: string): Promise<string> {
  const resellerId = await registerReseller(system.app);
  const created = await api('POST', '/v1/ai-training-transactions', {
    externalReference: `TXN-${randomUUID()}`,
    foreignPerson: { type: 'reseller-customer', resellerId, resellerCustomerReference },
    transactionAt: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString(),
    run: { operations: '2e26', cluster: { coLocatedInSingleDataCentre: true, networkingGbitPerSecond: '400', peakOperationsPerSecond: '2e20' } },
  });
  expect(created.status).toBe(201);
  return created.body.caseId as string;
}

async function signIn(subject: string, timezoneId = 'America/New_York'): Promise<Page> {
  const token = TEST_TOKENS.find((t) => t.subject === subject)!.token;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId });
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
  it('signs in, finds a case in the queue, opens it, decides through the rendered form (a refusal shown beside its field), and shows the timeline', async () => {
    // A few cases so that the queue shows due, due-soon and overdue rows (screenshot for the README).
    const cipVersion = await uploadProviderCip(system.app, `desk ${randomUUID()}`);
    const due = await openCipRequest(receivedWithDaysLeft(8).toISOString());
    await openCipRequest(receivedWithDaysLeft(3).toISOString());
    await openCipRequest(receivedWithDeadlinePassed(1).toISOString());
    await eventually(async () => ((await api('GET', `/v1/cases/${due.id}`, undefined, 'legal')).status === 200 ? true : undefined));

    const page = await signIn('hana.handler');
    await page.getByRole('link', { name: 'Unassigned' }).click();
    await page.getByLabel('Case type').selectOption('cip-transmission');
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
    // The timeline shows an explanation sentence by sentence, as the header does, not joined into one line.
    const explanation = (await api('GET', `/v1/cases/${due.id}`, undefined, 'legal')).body.details.deadlineExplanation as string[];
    const opened = page.getByTestId('timeline').locator('li').filter({ has: page.getByText('case.opened', { exact: true }) });
    expect(await opened.locator('ul.lines > li').allTextContents()).toEqual(explanation);

    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // A refused decision: the API's problem is shown beside the field it names.
    const transmit = page.getByRole('region', { name: 'Record the transmission' });
    await transmit.getByRole('button', { name: 'Record the transmission' }).click();
    await transmit.getByText(/Refused:/).waitFor();
    // The innermost field group of the cipVersion input holds the API's message for body.params.cipVersion.
    const cipVersionGroup = transmit.locator('.form-group').filter({ has: page.getByLabel(/cip version/i) }).last();
    expect(await cipVersionGroup.textContent()).toMatch(/required/);
    expect(await page.getByTestId('case-status').textContent()).toBe('awaiting-transmission');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await screenshotForDocs(page, 'desk-case.png');

    // The same form, filled in: accepted, and the timeline shows it.
    await transmit.getByLabel(/cip version/i).fill(cipVersion);
    await transmit.getByRole('button', { name: 'Record the transmission' }).click();
    await page.getByTestId('case-status').filter({ hasText: 'transmitted' }).waitFor();
    await page.getByTestId('timeline').getByText('cip.transmitted').waitFor();
    await page.context().close();
  });

  it("shows a deadline's day in the provider's zone to a handler whose browser is elsewhere, and \"due by\" that day lists it", async () => {
    // Due at the end of a New York day: 04:59:59.999Z the next day, already the next day in Berlin.
    const occurredAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const opened = await api('POST', '/v1/irregular-updates', { changeKind: 'business-operations', occurredAt, description: 'new data centre region', changeReference: `desk-zone-${randomUUID()}` });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const dueDate = opened.body.details.dueDate as string;
    const shown = new Date(`${dueDate}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

    const page = await signIn('hana.handler', 'Europe/Berlin');
    await page.goto(`${baseUrl}/desk/?view=all&type=irregular-update&dueBy=${dueDate}`);
    const row = page.getByRole('row').filter({ hasText: `#${(opened.body.id as string).slice(0, 8)}` });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe(shown);
    // The filter in the address is the filter shown, once the case types have arrived.
    expect(await page.getByLabel('Case type').inputValue()).toBe('irregular-update');

    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Why this due date' }).waitFor();
    const due = page.locator('dt', { hasText: /^Due$/i }).locator('xpath=following-sibling::dd[1]');
    expect(await due.textContent()).toMatch(new RegExp(`^${shown} \\(${shown}, 11:59 PM E[SD]T\\)`));
    await page.context().close();
  });

  it('shows beside each opening decision why a special measure in force will have it refused, as the pending application was told', async () => {
    // Andorra (AD) is this test's own jurisdiction: no other suite's customers live there.
    const created = await api('POST', '/v1/customers', germanEntityApplication({ address: { ...GERMAN_ENTITY.address, country: 'AD' } }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId = created.body.caseId as string;
    await eventually(async () => ((await api('GET', `/v1/cases/${caseId}`)).body.status === 'awaiting-verification' ? true : undefined));
    const federalRegisterCitation = `91 FR desk ${randomUUID().slice(0, 8)}`;
    const measure = await api(
      'POST',
      '/v1/special-measures',
      { target: { jurisdiction: 'AD' }, kind: 'prohibition', issuedAt: issuedInForce(new Date(), NPRM_2024, 'America/New_York').toISOString(), federalRegisterCitation },
      'legal',
    );
    expect(measure.status, JSON.stringify(measure.body)).toBe(201);
    await eventually(async () => ((await api('GET', `/v1/cases/${caseId}`)).body.details.decisionNotes ? true : undefined));

    const page = await signIn('hana.handler');
    await page.goto(`${baseUrl}/desk/cases/${caseId}`);
    for (const title of ['Open the account', 'Keep under monitoring']) {
      const note = page.getByRole('region', { name: title }).getByRole('note');
      await note.waitFor();
      expect(await note.textContent()).toContain(`${measure.body.id} (${federalRegisterCitation}) in force prohibits opening this account`);
    }
    // A decision the measure does not refuse carries no note; nothing was decided for the handler.
    expect(await page.getByRole('region', { name: 'Propose refusing the account' }).getByRole('note').count()).toBe(0);
    expect(await page.getByTestId('case-status').textContent()).toBe('awaiting-verification');
    await page.getByTestId('timeline').getByText('special-measure.applies').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("shows an explanation inside another field of an event (an AI report's filing deadline) line by line, not as one run-on line", async () => {
    const caseId = await openAiReportThroughReseller('RC-5');
    const opening = await eventually(async () => {
      const items = (await api('GET', `/v1/cases/${caseId}/events`, undefined, 'legal')).body.items as { type: string; data: { filing?: { explanation: string[] } } }[];
      return items.find((e) => e.type === 'case.opened');
    });
    const filingExplanation = opening.data.filing!.explanation;
    expect(filingExplanation.length).toBeGreaterThan(1);

    const page = await signIn('hana.handler');
    await page.goto(`${baseUrl}/desk/cases/${caseId}`);
    const opened = page.getByTestId('timeline').locator('li').filter({ has: page.getByText('case.opened', { exact: true }) });
    await opened.waitFor();
    const filing = opened.locator('div.block').filter({ has: page.locator('dt', { hasText: /^filing$/ }) });
    expect(await filing.locator('ul.lines > li').allTextContents()).toEqual(filingExplanation);
    // No sentence glued to the next with ", " (the run-on the timeline used to show).
    expect(await opened.textContent()).not.toContain(`${filingExplanation[0]}, ${filingExplanation[1]}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows in the header of a case that met its deadline the due date that governed, when it was met and whether on time', async () => {
    const dateIn = (iso: string) => new Date(iso).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'America/New_York' });
    // The desk writes an instant with its zone (EST/EDT), in the provider's zone.
    const instantIn = (iso: string) =>
      new Date(iso).toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York', timeZoneName: 'short' });
    // An AI-training report filed with Commerce (status filed, the case still open for amendments): its own due instant is cleared.
    const caseId = await openAiReportThroughReseller('RC-6');
    const day = 24 * 60 * 60 * 1000;
    const contents = {
      contactInfoRef: 'doc-contact',
      paymentInfoRef: 'doc-payment',
      estimatedOperations: '2e26',
      operationsPeriod: { start: new Date(Date.now() - 3 * day).toISOString(), end: new Date(Date.now() + 60 * day).toISOString() },
      modelName: 'Aurora-S',
      cybersecurityPractices: 'SSO with hardware keys',
    };
    expect((await api('POST', `/v1/ai-training-reports/${caseId}/reseller-report`, { resellerReportReference: 'RR-6', contents })).status).toBe(202);
    await eventually(async () => ((await api('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body.status === 'drafting' ? true : undefined));
    expect((await api('POST', `/v1/cases/${caseId}/decisions`, { decision: 'submit-for-approval' })).status).toBe(200);
    expect((await api('POST', `/v1/cases/${caseId}/decisions`, { decision: 'approve' }, 'reviewer')).status).toBe(200);
    expect((await api('POST', `/v1/cases/${caseId}/decisions`, { decision: 'file', params: { filingReceipt: 'BIS-AI-6' } })).status).toBe(200);
    const filed = (await api('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body;
    expect(filed).toMatchObject({ status: 'filed', dueAt: null, closedAt: null, details: { filedOnTime: true } });
    const filedAt = ((await api('GET', `/v1/cases/${caseId}/events`, undefined, 'legal')).body.items as { type: string; data: { filedAt: string } }[]).find((e) => e.type === 'report.filed')!.data.filedAt;

    const page = await signIn('hana.handler');
    await page.goto(`${baseUrl}/desk/cases/${caseId}`);
    const due = page.getByTestId('case-due');
    await due.getByText('filed on time').waitFor();
    const header = (await due.textContent())!;
    expect(header).not.toContain('no due date');
    expect(header).toContain(`${dateIn(filed.details.filingDueAt)} (${instantIn(filed.details.filingDueAt)})`);
    expect(header).toContain(`filed ${instantIn(filedAt)}`);
    // The date the header gives is the one "Why this due date" explains.
    const why = page.getByRole('region', { name: 'Why this due date' });
    expect(await why.locator('li').allTextContents()).toEqual(filed.details.deadlineExplanation);
    expect(filed.details.deadlineExplanation.join(' ')).toContain(filed.details.filingDueDate);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Another case type, once closed: a CIP transmitted after its deadline says so, with the days late.
    const cipVersion = await uploadProviderCip(system.app, `late ${randomUUID()}`);
    const late = await openCipRequest(receivedWithDeadlinePassed(3).toISOString());
    await eventually(async () => ((await api('GET', `/v1/cases/${late.id}`, undefined, 'legal')).body.status === 'overdue' ? true : undefined));
    const transmit = await api('POST', `/v1/cases/${late.id}/decisions`, { decision: 'transmit', params: { cipVersion } });
    expect(transmit.status, JSON.stringify(transmit.body)).toBe(200);
    const transmitted = (await api('GET', `/v1/cases/${late.id}`, undefined, 'legal')).body;
    expect(transmitted).toMatchObject({ status: 'transmitted', details: { transmittedOnTime: false } });
    await page.goto(`${baseUrl}/desk/cases/${late.id}`);
    await due.getByText(/transmitted late, by \d+ days?/).waitFor();
    expect(await due.textContent()).toContain(`${dateIn(transmitted.dueAt)} (${instantIn(transmitted.dueAt)})`);
    expect(await due.textContent()).toContain(`transmitted ${instantIn(transmitted.details.transmittedAt)}`);
    await page.context().close();
  });

  it('shows a four-eyes proposal as awaiting a second reviewer, and lets a reviewer complete it', async () => {
    const created = await api('POST', '/v1/customers', {
      kind: 'entity',
      externalReference: `desk-${randomUUID()}`,
      organizedUnderUsLaw: false,
      foreignBranchOfUsEntity: false,
      locatedInUnitedStates: false,
      name: 'Desk Test Compute Ltd',
      address: { lines: ['1 Harbour Road'], city: 'Dublin', postalCode: 'D01', country: 'IE' },
      paymentMethods: [{ type: 'bank-account', identifier: 'IE29AIBK93115212345678', source: 'company funds' }],
      email: 'ops@desk-test.example',
      telephone: '+353 1 234 5678',
      beneficialOwners: [{ usCitizen: false, usLawfulPermanentResident: false, locatedInUnitedStates: false, ownershipPercent: 80, name: 'Aoife Owner' }],
      account: {},
    });
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    await eventually(async () => ((await api('GET', `/v1/cases/${caseId}`, undefined, 'legal')).body.status === 'awaiting-verification' ? true : undefined));

    const handler = await signIn('hana.handler');
    await handler.goto(`${baseUrl}/desk/cases/${caseId}`);
    const refuse = handler.getByRole('region', { name: /^Propose refusing/ });
    await refuse.getByLabel(/Reason/).fill('Identity could not be verified from the documents supplied');
    await refuse.getByRole('button', { name: /Propose/ }).click();
    const fourEyes = handler.getByTestId('four-eyes');
    await fourEyes.waitFor();
    expect(await fourEyes.textContent()).toMatch(/proposed by hana\.handler.*awaiting a second reviewer/);
    // The proposer cannot approve their own proposal: the desk does not offer it.
    expect(await handler.getByRole('region', { name: /^Approve/ }).count()).toBe(0);
    await handler.context().close();

    const reviewer = await signIn('rita.reviewer');
    await reviewer.goto(`${baseUrl}/desk/cases/${caseId}`);
    await reviewer.getByTestId('four-eyes').waitFor();
    const approve = reviewer.getByRole('region', { name: /^Approve/ });
    await approve.getByRole('button').click();
    await reviewer.getByTestId('case-status').filter({ hasText: 'refused' }).waitFor();
    expect(await reviewer.getByTestId('four-eyes').count()).toBe(0);
    await reviewer.context().close();
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
