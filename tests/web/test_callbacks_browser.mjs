// Browser test of the executive callbacks and the client seat: Debian's chromium driven by playwright-core
// against a real klantstem prepared by test_callbacks_browser.py (which passes KS_* variables: the base
// URL, the password, and in KS_FIXTURE the feedback and case ids of the unhappy customers it created).
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
const FIXTURE = JSON.parse(process.env.KS_FIXTURE);
const AXE_SOURCE = fs.readFileSync(path.join(process.env.KS_NODE_MODULES, 'axe-core', 'axe.min.js'), 'utf8');
const USERS = {
  executive: 'eva@stroomlijn.example',
  otherExecutive: 'evert@stroomlijn.example',
  admin: 'ada@stroomlijn.example',
  coordinator: 'cor@stroomlijn.example',
  manager: 'maarten@stroomlijn.example',
  employee: 'emma@stroomlijn.example',
};
const WORDS = Object.fromEntries(FIXTURE.customers.map((c) => [c.external_ref, c.text]));
const HEARD = 'Hij is drie keer voor niets thuisgebleven en wil weg.\nAls de monteur morgen komt, blijft hij — "maar dit was de laatste keer".';

let browser;
let bramCallback;  // the id of Bram's callback on Eva's list, found by the first test
before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
after(async () => { await browser?.close(); });

// A fresh browser context (cookies) per user; collects script errors and dialogs.
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
  assert.doesNotMatch(page.url(), /\/login/, `${email} is logged in`);
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

test('an executive reads the customers of the week with their words and history, and records a call', async (t) => {
  const page = await session(t);
  await login(page, USERS.executive);
  const response = await page.goto(BASE + '/callbacks');
  assert.equal(response.status(), 200);
  // Eva's list, most severe first: Bram (nps 1), then the customer with the script in their words (nps 3).
  const cards = page.locator('article.callback');
  assert.equal(await cards.count(), 2);
  const bram = cards.first();
  assert.match(await bram.locator('h3').innerText(), /Bram Boos/);
  assert.equal(await bram.locator('blockquote.callback-words').innerText(), WORDS['klant-bram']);
  assert.equal(await bram.locator(`a[href="/cases/${FIXTURE.cases['klant-bram']}"]`).count(), 1, 'the case is a click away');
  assert.ok(await bram.locator('a[href="/customers/klant-bram"]').count() >= 1, 'the whole history is a click away');
  assert.ok(await bram.locator(`a[href="/feedback/${FIXTURE.feedback['klant-bram']}"]`).count() >= 1);
  assert.match(await bram.innerText(), /\+31 6 1111 2222/, 'the phone number to call');
  // The history inline: the earlier, happier visit too.
  assert.match(await bram.locator('.callback-history').innerText(), /Vorige keer werd ik prima geholpen\./);
  // Evert's customer is not on Eva's list; hostile words are shown as text and run nothing.
  assert.doesNotMatch(await page.locator('main').innerText(), /Sanne Stil/);
  assert.match(await cards.nth(1).locator('blockquote.callback-words').innerText(), /<script>window\.__pwned=1<\/script>/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  bramCallback = (await bram.getAttribute('id')).replace('callback-', '');
  await shot(page, 'callbacks-executive');
  await axe(page, '/callbacks');

  // Reached, but nothing written down: refused, with the field named, and nothing recorded.
  await bram.locator('input[name=outcome][value=reached]').check();
  const [refused] = await Promise.all([page.waitForNavigation(), bram.locator('form button[type=submit]').click()]);
  assert.equal(refused.status(), 400);
  const card = page.locator(`#callback-${bramCallback}`);
  assert.match(await card.locator('.field-error').innerText(), /Wat u hoorde|What you heard/);
  assert.equal(await card.getAttribute('data-status'), 'open');
  await shot(page, 'callbacks-refused');
  page.problems.length = 0;  // the browser logs the 400 response

  // Now with what the customer said.
  await card.locator('input[name=outcome][value=reached]').check();
  await card.locator('textarea[name=heard]').fill(HEARD);
  await Promise.all([page.waitForNavigation(), card.locator('form button[type=submit]').click()]);
  assert.match(page.url(), new RegExp(`/callbacks\\?recorded=${bramCallback}`));
  assert.equal(await page.locator('#callbacks-recorded[role=status]').count(), 1);
  const recorded = page.locator(`#callback-${bramCallback}`);
  assert.equal(await recorded.getAttribute('data-status'), 'called');
  assert.equal(await recorded.locator('blockquote.callback-heard').innerText(), HEARD);
  assert.equal(await recorded.locator('form').count(), 0, 'reached: nothing more to record');
  await shot(page, 'callbacks-recorded');
  await axe(page, '/callbacks after recording');

  // The case's timeline shows the call.
  await page.goto(BASE + `/cases/${FIXTURE.cases['klant-bram']}`);
  const entry = page.locator('[data-kind="executive_call"]');
  assert.equal(await entry.count(), 1);
  assert.match(await entry.innerText(), /drie keer voor niets thuisgebleven/);
  await shot(page, 'callbacks-case-timeline');
  assert.deepEqual(page.problems, []);
});

test('another executive has their own list and cannot record a call given to someone else', async (t) => {
  assert.ok(bramCallback, 'the first test found the callback');
  const page = await session(t);
  await login(page, USERS.otherExecutive);
  await page.goto(BASE + '/callbacks');
  const cards = page.locator('article.callback');
  assert.equal(await cards.count(), 1);
  assert.match(await cards.first().locator('h3').innerText(), /Sanne Stil/);
  const csrf = await page.locator('input[name=_csrf]').first().inputValue();
  const refused = await page.request.post(BASE + `/callbacks/${bramCallback}`, {
    form: { _csrf: csrf, outcome: 'no_answer', heard: '' }, headers: { Origin: BASE }, maxRedirects: 0,
  });
  assert.equal(refused.status(), 403);
});

test('the report shows who called whom and what they heard; an admin sets the weekly quotas', async (t) => {
  const page = await session(t);
  await login(page, USERS.admin);
  const response = await page.goto(BASE + '/callbacks/report');
  assert.equal(response.status(), 200);
  const eva = page.locator('#report-executives tr', { hasText: 'Eva Directeur' });
  const cells = await eva.locator('td').allInnerTexts();
  // quota (an input for admins), given, called, reached, voicemail, no answer, not called yet
  assert.deepEqual(cells.slice(1), ['2', '1', '1', '0', '0', '1']);
  assert.equal(await page.locator('#quota-' + (await eva.getAttribute('data-executive'))).inputValue(), '5');
  assert.equal(await page.locator('#report-heard blockquote').first().innerText(), HEARD, 'verbatim, unfiltered');
  await shot(page, 'callbacks-report');
  await axe(page, '/callbacks/report');

  const evert = page.locator('#report-executives tr', { hasText: 'Evert Directeur' });
  const quota = page.locator('#quota-' + (await evert.getAttribute('data-executive')));
  await quota.fill('3');
  await Promise.all([page.waitForNavigation(), page.click('#callbacks-save-quotas')]);
  assert.match(page.url(), /saved=1/);
  assert.equal(await page.locator('#callbacks-saved[role=status]').count(), 1);
  assert.equal(await page.locator('#quota-' + (await evert.getAttribute('data-executive'))).inputValue(), '3');
  // The admin picks an executive's list.
  await page.goto(BASE + '/callbacks');
  await page.selectOption('#callbacks-executive', { label: 'Evert Directeur' });
  await Promise.all([page.waitForNavigation(), page.click('#callbacks-pick button[type=submit]')]);
  assert.equal(await page.locator('article.callback').count(), 1);
  assert.match(await page.locator('article.callback h3').innerText(), /Sanne Stil/);
  await axe(page, '/callbacks as an admin');
  assert.deepEqual(page.problems, []);

  // A coordinator reads the report but changes no quota.
  const coordinator = await session(t);
  await login(coordinator, USERS.coordinator);
  await coordinator.goto(BASE + '/callbacks/report');
  assert.equal(await coordinator.locator('#report-executives input').count(), 0);
  assert.match(await coordinator.locator('#report-heard').innerText(), /drie keer voor niets thuisgebleven/);
});

test('the client seat shows the unhappiest customers their own words, newest first', async (t) => {
  const page = await session(t);
  await login(page, USERS.executive);
  const response = await page.goto(BASE + '/client-seat');
  assert.equal(response.status(), 200);
  assert.equal(await page.locator('#client-seat-30[aria-current=page]').count(), 1, 'the last 30 days by default');
  const words = await page.locator('#client-seat-list blockquote.client-seat-words').allInnerTexts();
  // Newest first: the order the items were sent in, reversed; the happy visit is not among them.
  assert.deepEqual(words, FIXTURE.customers.map((c) => c.text).reverse());
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const bram = page.locator('li.client-seat-item', { hasText: 'De monteur kwam drie keer' });
  assert.ok(await bram.locator(`a[href="/feedback/${FIXTURE.feedback['klant-bram']}"]`).count() >= 1);
  assert.equal(await bram.locator(`a[href="/cases/${FIXTURE.cases['klant-bram']}"]`).count(), 1);
  await shot(page, 'client-seat');
  await axe(page, '/client-seat');
  await Promise.all([page.waitForNavigation(), page.click('#client-seat-7')]);
  assert.equal(await page.locator('#client-seat-7[aria-current=page]').count(), 1);
  assert.equal(await page.locator('li.client-seat-item').count(), 3);
  // The customer's whole history is one click away.
  await Promise.all([page.waitForNavigation(), page.locator('li.client-seat-item', { hasText: 'De monteur kwam drie keer' })
    .locator('a[href="/customers/klant-bram"]').click()]);
  assert.match(page.url(), /\/customers\/klant-bram$/);
  assert.match(await page.locator('main').innerText(), /Vorige keer werd ik prima geholpen\./);
  assert.deepEqual(page.problems, []);
});

test('managers and employees are refused the callback pages and the client seat', async (t) => {
  for (const role of ['manager', 'employee']) {
    const page = await session(t);
    await login(page, USERS[role]);
    for (const url of ['/callbacks', '/callbacks/report', '/client-seat']) {
      const response = await page.goto(BASE + url);
      assert.equal(response.status(), 403, `${role} ${url}`);
      assert.doesNotMatch(await page.content(), /De monteur kwam drie keer/);
    }
    await shot(page, `callbacks-${role}-403`);
  }
});
