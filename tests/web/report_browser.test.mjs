// Browser tests of the employee report (issue 8 §1): Debian's chromium driven by playwright-core, on a
// phone-sized viewport, against a real klantstem with demo data started by test_report_browser.py, which
// passes KS_* variables. Screenshots: report-*.png in KS_ARTIFACTS.
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
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Demo users (all Dutch): the reporter and the colleagues who look at the item afterwards.
const REPORTER = { email: 'medewerker@stroomlijn.example', name: 'Daan Jansen' };  // employee, utrecht-centrum
const OTHER_EMPLOYEE = 'lisa.bakker@stroomlijn.example';                          // employee, klantenservice
const MANAGER = 'manager.utrecht@stroomlijn.example';                             // manager of utrecht-centrum
const COORDINATOR = 'coordinator@stroomlijn.example';
const KNOWN = { external_ref: 'report-browser-wilhelmina', name: 'Wilhelmina Zonnebloem', language: 'nl' };

let browser;

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
  const c = await api('POST', '/api/v1/customers', KNOWN);
  assert.ok(c.status === 200 || c.status === 201, JSON.stringify(c.json));
});
after(async () => { await browser?.close(); });

// A fresh phone (cookies) per user; records script errors and dialogs.
async function session(t, options = PHONE) {
  const context = await browser.newContext(options);
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

async function fitsThePhone(page, what) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 391, `no horizontal scrolling on a phone (${what}: ${width}px)`);
}

// The line on the item page that says who passed it on.
async function reporterLine(page, id) {
  const response = await page.goto(`${BASE}/feedback/${id}`);
  assert.equal(response.status(), 200, `/feedback/${id}`);
  return (await page.locator('main .reporter').innerText()).trim();
}

test('an employee passes on what a customer said in four taps on a phone; only they see their name on it', async (t) => {
  const page = await session(t);
  await login(page, REPORTER.email);
  // The navigation offers it; the form is the page a phone's home-screen bookmark opens.
  const nav = page.locator('nav a[href="/report"]');
  assert.equal(await nav.count(), 1, 'a "Doorgeven" entry in the navigation');
  assert.equal((await nav.innerText()).trim(), 'Doorgeven');
  await page.goto(BASE + '/report');
  assert.ok(await page.locator('#report-not-responsible').isVisible(), 'the form says the reporter is not responsible');
  assert.equal(await page.locator('#report-customer').getAttribute('hx-get'), null,
               'no customer suggestions for an employee while the organisation hides customer names');
  await fitsThePhone(page, '/report');
  await axe(page, '/report');
  await shot(page, 'report-1-form-phone');

  // The report itself: every user interaction goes through act(), which counts it.
  let interactions = 0;
  const act = async (what) => { interactions += 1; return await what(); };
  const text = 'Mevrouw bij het schoolhek zei dat de pakketautomaat al drie dagen niet opengaat.';
  await act(() => page.fill('#report-customer', 'Mevrouw Van Schoolhek-Onbekend'));
  await act(() => page.fill('#report-text', text));
  await act(() => page.getByLabel('Een probleem').tap());
  await shot(page, 'report-2-filled-phone');
  await act(() => Promise.all([page.waitForNavigation(), page.tap('#report-send')]));
  assert.ok(interactions <= 4, `reported in at most 4 interactions after login (${interactions})`);
  assert.equal(interactions, 4);

  const sent = page.locator('#report-sent');
  assert.ok(await sent.isVisible(), 'the "passed on" notice');
  assert.match(await sent.innerText(), /doorgegeven/);
  const id = new URL(page.url()).searchParams.get('sent');
  assert.match(id, /^\d+$/, page.url());
  assert.equal(await sent.locator('a').getAttribute('href'), `/feedback/${id}`);
  assert.equal(await page.locator('#report-customer').inputValue(), '', 'a fresh form for the next report');
  await fitsThePhone(page, '/report?sent');
  await axe(page, '/report?sent');
  await shot(page, 'report-3-sent-phone');

  // Stored as an employee report of the reporter's unit; the API never names the reporter.
  const item = await api('GET', `/api/v1/feedback/${id}`);
  assert.equal(item.status, 200);
  assert.equal(item.json.source, 'employee');
  assert.equal(item.json.text, text);
  assert.equal(item.json.unit, 'utrecht-centrum');
  assert.deepEqual([item.json.attributes.report_kind, item.json.attributes.contact_consent,
                    item.json.attributes.customer_name], ['problem', 'no', 'Mevrouw Van Schoolhek-Onbekend']);
  assert.ok(!JSON.stringify(item.json).includes(REPORTER.name), 'the API does not name the reporter');

  // The reporter follows the link and sees their own name on it.
  await Promise.all([page.waitForNavigation(), sent.locator('a').tap()]);
  assert.match(page.url(), new RegExp(`/feedback/${id}$`));
  assert.equal((await page.locator('main .reporter').innerText()).trim(), `Gemeld door ${REPORTER.name}`);
  assert.match(await page.locator('main').innerText(), /pakketautomaat/);
  await fitsThePhone(page, `/feedback/${id}`);
  await shot(page, 'report-4-item-reporter');
  assert.deepEqual(page.problems, []);

  // Another employee and the unit's manager see "a colleague", never the name; a coordinator sees it.
  for (const [email, screenshot] of [[OTHER_EMPLOYEE, 'report-5-item-other-employee'], [MANAGER, 'report-6-item-manager']]) {
    const other = await session(t);
    await login(other, email);
    assert.equal(await reporterLine(other, id), 'Gemeld door een collega', email);
    assert.ok(!(await other.locator('body').innerText()).includes(REPORTER.name), `${email} does not see the reporter's name`);
    await shot(other, screenshot);
    assert.deepEqual(other.problems, []);
  }
  const coordinator = await session(t);
  await login(coordinator, COORDINATOR);
  assert.equal(await reporterLine(coordinator, id), `Gemeld door ${REPORTER.name}`);
  await shot(coordinator, 'report-7-item-coordinator');
});

test('a manager picks a known customer from the suggestions while typing, and the report is linked to them', async (t) => {
  const page = await session(t);
  await login(page, MANAGER);
  await page.goto(BASE + '/report');
  await page.fill('#report-customer', 'Zonnebl');
  // htmx asks /report/customers after a short pause and shows the known customers as radio buttons.
  const pick = page.locator('#report-customers input[name=customer_ref][value="' + KNOWN.external_ref + '"]');
  await pick.waitFor({ state: 'visible', timeout: 10000 });
  assert.match(await page.locator('#report-customers').innerText(), /Wilhelmina Zonnebloem/);
  await axe(page, '/report with suggestions');
  await shot(page, 'report-8-suggestions-phone');
  await pick.tap();
  await page.fill('#report-text', 'Mevrouw Zonnebloem vond de nieuwe openingstijden fijn.');
  await page.getByLabel('Een compliment').tap();
  await page.getByLabel('De klant vindt het goed dat we contact opnemen').tap();
  await Promise.all([page.waitForNavigation(), page.tap('#report-send')]);
  assert.ok(await page.locator('#report-sent').isVisible());
  const id = new URL(page.url()).searchParams.get('sent');
  const item = await api('GET', `/api/v1/feedback/${id}`);
  assert.equal(item.json.customer?.external_ref, KNOWN.external_ref, JSON.stringify(item.json));
  assert.equal(item.json.attributes.report_kind, 'praise');
  assert.equal(item.json.attributes.contact_consent, 'yes');
  assert.equal(item.json.attributes.customer_name, undefined);
  assert.deepEqual(page.problems, []);
});

test('a report the server refuses comes back with what was typed and an alert naming the field', async (t) => {
  const page = await session(t);
  await login(page, REPORTER.email);
  await page.goto(BASE + '/report');
  await page.fill('#report-customer', 'Meneer Alleen-Spaties');
  await page.fill('#report-text', '    ');  // passes the browser's `required`, refused by the server
  await page.getByLabel('Een idee').tap();
  const [response] = await Promise.all([page.waitForNavigation(), page.tap('#report-send')]);
  assert.equal(response.status(), 400);
  page.problems.length = 0;  // the refusal is a 400 response, which the browser logs
  const alert = page.locator('#report-error');
  assert.ok(await alert.isVisible());
  assert.match(await alert.innerText(), /Wat de klant zei/);
  assert.equal(await page.locator('#report-customer').inputValue(), 'Meneer Alleen-Spaties');
  assert.ok(await page.getByLabel('Een idee').isChecked());
  await axe(page, '/report refused');
  await shot(page, 'report-9-refused-phone');
});
