// Browser tests of the case pages (issue 7): Debian's chromium driven by playwright-core against a real
// klantstem started by test_cases_browser.py, which made two units, a manager of "cases-noord" and an
// employee of "cases-zuid" and passes KS_* variables. Screenshots: cases-*.png in KS_ARTIFACTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.env.KS_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');
const BASE = process.env.KS_BASE_URL;
const ARTIFACTS = process.env.KS_ARTIFACTS;
const PASSWORD = process.env.KS_PASSWORD;
const AXE_SOURCE = fs.readFileSync(path.join(process.env.KS_NODE_MODULES, 'axe-core', 'axe.min.js'), 'utf8');
const MANAGER = 'manager.noord@cases.example';
const EMPLOYEE = 'medewerker.zuid@cases.example';
const KARIN = { external_ref: 'cases-karin', name: 'Karin de Klant', email: 'karin@klant.example', language: 'nl',
                consent_contact: true };
const BERT = { external_ref: 'cases-bert', name: 'Bert Bezwaar', email: 'bert@klant.example', language: 'nl',
               consent_contact: false };

let browser;
const opened = {};  // feedback id per customer ref

async function api(method, url, body) {
  const response = await fetch(BASE + url, {
    method,
    headers: { Authorization: 'Bearer ' + process.env.KS_API_KEY, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json() };
}

before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  // Two customers of the manager's unit, one who agreed to be contacted and one who did not, each with
  // an unhappy answer: the rule runner opens a case for each.
  for (const [customer, text] of [[KARIN, 'De monteur kwam niet opdagen en niemand belde terug.'],
                                  [BERT, 'Drie keer gebeld, nooit een oplossing gekregen.']]) {
    const c = await api('POST', '/api/v1/customers', customer);
    assert.ok(c.status === 200 || c.status === 201, JSON.stringify(c.json));
    const f = await api('POST', '/api/v1/feedback', {
      source: 'survey', channel: 'email', customer: { external_ref: customer.external_ref }, unit: 'cases-noord',
      score: { value: 2, scale: 'nps' }, text, language: 'nl', idempotency_key: 'cases-browser-' + customer.external_ref,
    });
    assert.ok(f.status === 200 || f.status === 201, JSON.stringify(f.json));
    opened[customer.external_ref] = f.json.id;
  }
});
after(async () => { await browser?.close(); });

// A fresh browser context (cookies) per user; fails the test on any script error or dialog.
async function session(t, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push('page error: ' + e.message));
  page.on('dialog', (d) => { page.problems.push('dialog: ' + d.message()); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push('console: ' + m.text()); });
  t.after(() => context.close());
  return page;
}

async function login(page, email) {
  await page.goto(BASE + '/login');
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.match(page.url(), /\/inbox$/, 'logged in');
}

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage: true });
}

async function axe(page, name) {
  // Injected through the DevTools protocol: the pages' CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
                   `accessibility violations on ${name}`);
}

// The first mail to `address` that arrived at the SMTP server, quoted-printable soft line breaks removed.
async function mailTo(address) {
  for (let i = 0; i < 100; i++) {
    const dir = process.env.KS_MAIL_DIR;
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : [];
    const found = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).filter((m) => m.includes(address));
    if (found.length > 0) return found[found.length - 1].replace(/=\r?\n/g, '');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('no mail to ' + address);
}

// The inbox of cases, reloaded until the rule runner has opened the case of `customerName` (at most ~10 s).
async function waitForCase(page, customerName) {
  const link = page.locator('#case-list a.case-link', { hasText: customerName });
  for (let i = 0; i < 40; i++) {
    await page.goto(BASE + '/cases');
    if (await link.count() > 0) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.fail('no case for ' + customerName + ' on /cases within 10 s');
}

// Submits the form `id` and waits for the page after it; returns the response's status.
async function submit(page, id) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(`#${id} button[type=submit]`)]);
  return response.status();
}

async function timelineEntry(page, kind) {
  const entries = page.locator(`#case-timeline li.case-event[data-kind="${kind}"]`);
  assert.ok(await entries.count() > 0, `the timeline shows a ${kind} entry`);
  return (await entries.last().innerText()).trim();
}

test('a manager works a case from new to closed: note, call, e-mail to the customer, close with a root cause', async (t) => {
  const page = await session(t);
  await login(page, MANAGER);
  // The navigation leads to the cases; the inbox of cases lists the new one, most urgent first.
  await Promise.all([page.waitForNavigation(), page.click('nav a[href="/cases"]')]);
  const link = await waitForCase(page, KARIN.name);
  const row = page.locator('#case-list tr.case-row', { has: page.locator('a.case-link', { hasText: KARIN.name }) });
  assert.equal(await row.getAttribute('data-state'), 'new');
  assert.match(await row.innerText(), /Vestiging Noord/);
  assert.match(await row.innerText(), /kritiek/, 'an nps 2 is the most urgent priority');
  assert.match(await page.locator('#counts-by-unit').innerText(), /Vestiging Noord\s+2\s+0/);
  assert.match(await page.locator('#counts-by-owner').innerText(), /Mira Manager\s+2\s+0/);
  await shot(page, 'cases-list');
  await axe(page, '/cases');

  // "More cases" appends the next page to the list without reloading it.
  await page.goto(BASE + '/cases?limit=1');
  assert.equal(await page.locator('#case-list tr.case-row').count(), 1);
  await page.evaluate(() => { window.__same_page = true; });
  await page.click('#load-more');
  await page.waitForFunction(() => document.querySelectorAll('#case-list tr.case-row').length === 2);
  assert.equal(await page.evaluate(() => window.__same_page), true, 'no full page load');
  assert.equal(await page.locator('#load-more').count(), 0, 'no more after the last page');

  // The board has the case in its "new" column; the view is kept in the URL.
  await page.goto(BASE + '/cases');
  await Promise.all([page.waitForNavigation(), page.click('#view-board')]);
  assert.equal(new URL(page.url()).searchParams.get('view'), 'board');
  assert.ok(await page.locator('#case-board td[data-state="new"] a.case-link', { hasText: KARIN.name }).count() === 1);
  assert.equal(await page.locator('#case-board td[data-state="closed"]').count(), 0, 'open cases: no closed column');
  await shot(page, 'cases-board');
  await axe(page, '/cases?view=board');
  // Filters keep the view.
  await page.selectOption('#f-priority', 'critical');
  await Promise.all([page.waitForNavigation(), page.click('#case-filters button[type=submit]')]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('view'), 'board');
  assert.equal(url.searchParams.get('priority'), 'critical');

  // The case page.
  await page.goto(BASE + '/cases');
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.match(page.url(), /\/cases\/\d+$/);
  const caseUrl = page.url();
  assert.equal(await page.getAttribute('#case-state', 'data-state'), 'new');
  assert.match(await page.locator('#case-facts').innerText(), /karin@klant\.example/);
  assert.match(await page.locator('#case-items').innerText(), /De monteur kwam niet opdagen/);
  assert.equal(await page.locator('#case-items a.item-link').getAttribute('href'), '/feedback/' + opened[KARIN.external_ref]);
  assert.equal(await page.locator('#contact-notice').count(), 0, 'the customer agreed to be contacted');
  await timelineEntry(page, 'opened');
  await shot(page, 'case-1-new');
  await axe(page, '/cases/{id}');
  // Mails link to the case through its feedback item.
  await page.goto(BASE + '/cases/feedback/' + opened[KARIN.external_ref]);
  assert.equal(page.url(), caseUrl);

  // A note; a note of only spaces is refused next to its form and nothing is written.
  await page.fill('#note-text', '   ');
  assert.equal(await submit(page, 'note-form'), 400);
  assert.ok(await page.locator('#note-error').isVisible());
  assert.equal(await page.locator('#case-timeline li.case-event[data-kind="note"]').count(), 0);
  page.problems.length = 0;  // the refusal is a 400 response, which the browser logs
  await page.fill('#note-text', 'Klant wacht al twee weken op de monteur; eerst bellen.');
  assert.equal(await submit(page, 'note-form'), 200);
  assert.equal(page.url(), caseUrl, 'back on the case after the step');
  assert.match(await timelineEntry(page, 'note'), /Klant wacht al twee weken op de monteur/);
  assert.match(await timelineEntry(page, 'note'), /Mira Manager/);

  // A call that reached the customer: the case is contacted.
  await page.selectOption('#call-outcome', 'reached');
  await page.fill('#call-text', 'Excuses aangeboden, nieuwe afspraak voor donderdag.');
  assert.equal(await submit(page, 'call-form'), 200);
  assert.equal(await page.getAttribute('#case-state', 'data-state'), 'contacted');
  const call = await timelineEntry(page, 'call');
  assert.match(call, /bereikt/);
  assert.match(call, /nieuwe afspraak voor donderdag/);

  // An e-mail to the customer, through the outbox to the SMTP server.
  await page.fill('#email-subject', 'Uw afspraak met de monteur');
  await page.fill('#email-text', 'Beste Karin,\n\nDe monteur komt donderdag tussen 9 en 12 uur.\n\nMet vriendelijke groet');
  assert.equal(await submit(page, 'email-form'), 200);
  const email = await timelineEntry(page, 'email');
  assert.match(email, /Uw afspraak met de monteur/);
  assert.match(email, /De monteur komt donderdag/);
  const mail = await mailTo(KARIN.email);
  assert.match(mail, /Uw afspraak met de monteur/);
  assert.match(mail, /Mira Manager/, 'signed by the manager');
  await shot(page, 'case-2-contacted');

  // Close with a root cause and the resolution.
  await page.selectOption('#close-root-cause', 'delivery');
  await page.fill('#close-resolution', 'Monteur is donderdag geweest; ketel gerepareerd.');
  assert.equal(await submit(page, 'close-form'), 200);
  assert.equal(await page.getAttribute('#case-state', 'data-state'), 'closed');
  assert.match(await page.locator('#case-root-cause').innerText(), /levering/);
  const closed = await timelineEntry(page, 'close');
  assert.match(closed, /levering/);
  assert.match(closed, /ketel gerepareerd/);
  // Every step is in the timeline, in order.
  const kinds = await page.locator('#case-timeline li.case-event').evaluateAll((li) => li.map((e) => e.dataset.kind));
  assert.deepEqual(kinds, ['opened', 'note', 'call', 'email', 'close']);
  // A closed case offers only reopening (and a note); no call or e-mail forms.
  assert.equal(await page.locator('#call-form, #email-form, #close-form').count(), 0);
  assert.equal(await page.locator('#reopen-form').count(), 1);
  assert.equal(await page.locator('#assign-form').count(), 0, 'a closed case is reopened before it is handed over');
  await shot(page, 'case-3-closed');
  await axe(page, 'a closed case');

  // It left the open cases, and is listed among the closed ones.
  await page.goto(BASE + '/cases');
  assert.equal(await page.locator('#case-list a.case-link', { hasText: KARIN.name }).count(), 0);
  await page.goto(BASE + '/cases?status=closed');
  assert.equal(await page.locator('#case-list a.case-link', { hasText: KARIN.name }).count(), 1);
  assert.deepEqual(page.problems, []);
});

test('a customer without consent is not contacted; an employee of another unit sees the counts, not the cases', async (t) => {
  const page = await session(t);
  await login(page, MANAGER);
  const link = await waitForCase(page, BERT.name);
  await Promise.all([page.waitForNavigation(), link.click()]);
  const caseUrl = page.url();
  assert.match(await page.locator('#contact-notice').innerText(), /Geen contact: geen toestemming/);
  assert.equal(await page.locator('#call-form, #email-form').count(), 0, 'no call or e-mail without consent');
  assert.equal(await page.locator('#contact-blocked').count(), 1);
  await shot(page, 'case-no-consent');
  await axe(page, 'a case without consent');
  assert.deepEqual(page.problems, []);

  const employee = await session(t);
  await login(employee, EMPLOYEE);
  await employee.goto(BASE + '/cases');
  // Bert's case is open (and Karin's too when the test above did not close it).
  assert.match(await employee.locator('#counts-by-unit').innerText(), /Vestiging Noord\s+[12]\s+0/);
  assert.match(await employee.locator('#counts-by-owner').innerText(), /Mira Manager\s+[12]\s+0/);
  assert.equal(await employee.locator('a.case-link').count(), 0, 'no case contents');
  assert.doesNotMatch(await employee.locator('main').innerText(), /Bert Bezwaar|Karin de Klant/);
  await shot(employee, 'cases-employee');
  await axe(employee, '/cases as an employee');
  for (const url of [caseUrl, BASE + '/cases/feedback/' + opened[BERT.external_ref]]) {
    const response = await employee.goto(url);
    assert.equal(response.status(), 404, url);
    assert.doesNotMatch(await employee.content(), /Bert Bezwaar|Drie keer gebeld/);
  }
  await shot(employee, 'case-employee-404');

  // On a phone the inbox of cases does not scroll sideways (the table scrolls within its frame).
  const phone = await session(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await login(phone, MANAGER);
  for (const url of ['/cases', '/cases?view=board', new URL(caseUrl).pathname]) {
    await phone.goto(BASE + url);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 391, `no horizontal scrolling on a phone (${url}: ${width}px)`);
  }
  await shot(phone, 'cases-phone');
});
