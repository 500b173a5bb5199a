// Browser tests: Debian's chromium driven by playwright-core (pinned in package.json) against a real
// klantstem with demo data (started by run_browser_tests.py, which passes KS_* variables).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.env.KS_NODE_MODULES, 'x.js'));
const { chromium } = require('playwright-core');
const BASE = process.env.KS_BASE_URL;
const ARTIFACTS = process.env.KS_ARTIFACTS;
const PASSWORD = 'Demo-wachtwoord-2026';
const AXE = path.join(process.env.KS_NODE_MODULES, 'axe-core', 'axe.min.js');
const AXE_SOURCE = fs.readFileSync(AXE, 'utf8');
const REPORTERS = ['Daan Jansen', 'Lisa Bakker', 'Tom Visser', 'Noor Smit'];
const USERS = {
  admin: 'beheer@stroomlijn.example',
  coordinator: 'coordinator@stroomlijn.example',
  executive: 'directie@stroomlijn.example',
  manager: 'manager.utrecht@stroomlijn.example',
  employee: 'medewerker@stroomlijn.example',
};

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
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

async function login(page, email, password = PASSWORD) {
  await page.goto(BASE + '/login');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage: true });
}

// The first mail to `address` that arrived at the SMTP server after `after` files, decoded enough to
// find links (quoted-printable soft line breaks removed).
async function mailTo(address, minimum = 0) {
  for (let i = 0; i < 100; i++) {
    const dir = process.env.KS_MAIL_DIR;
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : [];
    const found = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).filter((m) => m.includes(address));
    if (found.length > minimum) return found[found.length - 1].replace(/=\r?\n/g, '');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('no mail to ' + address);
}

async function api(method, url, body) {
  const response = await fetch(BASE + url, {
    method,
    headers: { Authorization: 'Bearer ' + process.env.KS_API_KEY, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: await response.json() };
}

async function axe(page, name) {
  // Injected through the DevTools protocol: the pages' CSP (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
                   `accessibility violations on ${name}`);
}

test('every role logs in and sees the inbox; the manager only their units', async (t) => {
  for (const [role, email] of Object.entries(USERS)) {
    const page = await session(t);
    await login(page, email);
    assert.match(page.url(), /\/inbox$/, role);
    const items = page.locator('#feedback-list li.feedback-item');
    assert.ok(await items.count() > 0, `${role} sees feedback`);
    await shot(page, `inbox-${role}`);
    if (role === 'manager') {
      const ids = await page.locator('a.item-link').evaluateAll((links) => links.map((a) => a.getAttribute('href').split('/').pop()));
      for (const id of ids.slice(0, 15)) {
        const item = await api('GET', '/api/v1/feedback/' + id);
        assert.equal(item.json.unit, 'utrecht-centrum', `manager sees item ${id}`);
      }
    }
    const admin = await page.locator('nav a[href="/admin/users"]').count();
    assert.equal(admin, role === 'admin' ? 1 : 0, `${role}: admin navigation`);
    assert.deepEqual(page.problems, []);
  }
});

test('filters and search are combined, kept in the URL, and load more appends without reloading', async (t) => {
  const page = await session(t);
  await login(page, USERS.admin);
  await page.selectOption('#f-class', 'unhappy');
  await page.fill('#f-q', 'bezorger');
  await Promise.all([page.waitForNavigation(), page.click('#filters button[type=submit]')]);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('class'), 'unhappy');
  assert.equal(url.searchParams.get('q'), 'bezorger');
  const chips = await page.locator('#feedback-list .chip').evaluateAll((c) => c.map((e) => e.className));
  assert.ok(chips.length > 0, 'unhappy items mentioning bezorger');
  for (const c of chips) assert.match(c, /\bunhappy\b/);
  const texts = await page.locator('#feedback-list .text').allTextContents();
  for (const text of texts) assert.match(text.toLowerCase(), /bezorg/, text);
  await shot(page, 'inbox-filtered');
  // Every field and button of the filter form stays inside its card.
  const card = await page.locator('form#filters').boundingBox();
  for (const box of await page.locator('form#filters input, form#filters select, form#filters button, form#filters a')
                              .evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { l: r.left, r: r.right }; }))) {
    assert.ok(box.l >= card.x - 1 && box.r <= card.x + card.width + 1, `inside the filter card: ${JSON.stringify(box)}`);
  }
  // The filters survive a reload (they live in the URL) and show in the form.
  await page.reload();
  assert.equal(await page.inputValue('#f-q'), 'bezorger');
  assert.equal(await page.inputValue('#f-class'), 'unhappy');
  // Load more: the page is not navigated, the list grows.
  await page.goto(BASE + '/inbox?unit=regio-randstad');
  const before = await page.locator('#feedback-list li.feedback-item').count();
  assert.equal(before, 50);
  await page.evaluate(() => { window.__same_page = true; });
  await page.click('#load-more');
  await page.waitForFunction(() => document.querySelectorAll('#feedback-list li.feedback-item').length > 50);
  assert.equal(await page.evaluate(() => window.__same_page), true, 'no full page load');
  assert.equal(await page.locator('#feedback-list li.feedback-item').count(), 100);
  assert.deepEqual(page.problems, []);
});

test('item page and customer page with its chart', async (t) => {
  const page = await session(t);
  await login(page, USERS.coordinator);
  await page.goto(BASE + '/inbox?source=survey');
  await Promise.all([page.waitForNavigation(), page.locator('a.item-link').first().click()]);
  assert.match(page.url(), /\/feedback\/\d+$/);
  assert.ok((await page.locator('main h1').textContent()).length > 0);
  await shot(page, 'item');
  await axe(page, 'item page');
  await Promise.all([page.waitForNavigation(), page.locator('main dl a[href^="/customers/"]').click()]);
  assert.match(page.url(), /\/customers\//);
  assert.equal(await page.locator('.chart svg[role=group][aria-labelledby]').count(), 1);
  assert.ok(await page.locator('.chart svg a.ks-chart-link').count() > 0, 'chart points link to the items');
  assert.ok(await page.locator('.feedback-list li.feedback-item').count() > 0);
  await shot(page, 'customer');
  await axe(page, 'customer page');
  assert.deepEqual(page.problems, []);
});

test('an employee is refused admin pages and never sees who reported an item', async (t) => {
  const page = await session(t);
  await login(page, USERS.employee);
  const refused = await page.goto(BASE + '/admin/users');
  assert.equal(refused.status(), 403);
  await shot(page, 'employee-403');
  await page.goto(BASE + '/inbox?source=employee');
  const html = await page.content();
  for (const name of REPORTERS.filter((n) => n !== 'Daan Jansen')) assert.ok(!html.includes('Gemeld door ' + name), name);
  const links = await page.locator('a.item-link').evaluateAll((a) => a.map((e) => e.getAttribute('href')));
  let anonymous = 0;
  for (const href of links.slice(0, 10)) {
    await page.goto(BASE + href);
    const reporter = await page.locator('.reporter').first().textContent();
    if (reporter.includes('een collega')) anonymous++;
    else assert.equal(reporter.trim(), 'Gemeld door Daan Jansen', 'only their own reports are named');
    for (const name of REPORTERS.filter((n) => n !== 'Daan Jansen')) {
      assert.ok(!(await page.content()).includes('Gemeld door ' + name));
    }
  }
  assert.ok(anonymous > 0);
  // The coordinator does see reporters.
  const coordinator = await session(t);
  await login(coordinator, USERS.coordinator);
  await coordinator.goto(BASE + '/inbox?source=employee');
  assert.match(await coordinator.content(), /Gemeld door (Daan Jansen|Lisa Bakker|Tom Visser|Noor Smit)/);
});

test('invite a colleague, set the password from the mail, log in again', async (t) => {
  const admin = await session(t);
  await login(admin, USERS.admin);
  await admin.goto(BASE + '/admin/users');
  await axe(admin, 'users page');
  await admin.fill('#invite-email', 'nieuwe.collega@stroomlijn.example');
  await admin.fill('#invite-name', 'Mila de Graaf');
  await admin.selectOption('#invite-role', 'employee');
  await admin.selectOption('#invite-language', 'nl');
  await Promise.all([admin.waitForNavigation(), admin.click('section[aria-labelledby=invite-heading] button[type=submit]')]);
  assert.match(await admin.locator('[role=status]').textContent(), /nieuwe\.collega@stroomlijn\.example/);
  await shot(admin, 'users-invited');
  // The mail reaches the SMTP server.
  const mail = await mailTo('nieuwe.collega@stroomlijn.example');
  assert.match(mail, /Subject: .*(nodigt|=\?UTF-8\?)/i);
  const link = mail.match(/http:\/\/127\.0\.0\.1:\d+\/invite\/[0-9a-f]{64}/)[0];
  const invitee = await session(t);
  await invitee.goto(link);
  await shot(invitee, 'set-password');
  await axe(invitee, 'set password page');
  await invitee.fill('#password', 'Fietsen langs de Vecht 2026');
  await invitee.fill('#password_again', 'Fietsen langs de Vecht 2026');
  await Promise.all([invitee.waitForNavigation(), invitee.click('main button[type=submit]')]);
  assert.match(invitee.url(), /\/inbox$/);
  await Promise.all([invitee.waitForNavigation(), invitee.click('form[action="/logout"] button')]);
  assert.match(invitee.url(), /\/login$/);
  await login(invitee, 'nieuwe.collega@stroomlijn.example', 'Fietsen langs de Vecht 2026');
  assert.match(invitee.url(), /\/inbox$/);
  assert.deepEqual(invitee.problems, []);
  // The link worked once only.
  const again = await invitee.goto(link);
  assert.equal(again.status(), 404);
});

test('hostile feedback text is shown as text and runs no script', async (t) => {
  const hostile = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">',
                   '{{t.logout}} {{{x}}} <svg onload="window.__pwned=1">'];
  for (const [i, text] of hostile.entries()) {
    const r = await api('POST', '/api/v1/feedback', { source: 'complaint', channel: 'web', text: 'xssproef ' + text,
      customer: { external_ref: 'XSS-B' + i, name: '<img src=x onerror="window.__pwned=1">' }, idempotency_key: 'browser-xss-' + i });
    assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.json));
  }
  const page = await session(t);
  await login(page, USERS.admin);
  await page.goto(BASE + '/inbox?q=xssproef');
  const texts = await page.locator('#feedback-list .text').allTextContents();
  assert.equal(texts.length, 3);
  for (const text of hostile) assert.ok(texts.some((shown) => shown.includes(text)), 'shown literally: ' + text);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await shot(page, 'xss-inbox');
  for (const href of await page.locator('a.item-link').evaluateAll((a) => a.map((e) => e.getAttribute('href')))) {
    await page.goto(BASE + href);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  }
  await page.goto(BASE + '/customers/XSS-B0');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
});

test('pages pass axe-core without serious violations and fit a phone', async (t) => {
  const page = await session(t);
  await page.goto(BASE + '/login');
  await shot(page, 'login');
  await axe(page, 'login page');
  await login(page, USERS.admin);
  await axe(page, 'inbox');
  for (const admin of ['/admin/units', '/admin/api-keys', '/admin/settings', '/admin/audit', '/admin/outbox', '/account']) {
    await page.goto(BASE + admin);
    await shot(page, admin.replaceAll('/', '_').slice(1));
    await axe(page, admin);
  }
  const phone = await session(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await login(phone, USERS.employee);
  for (const url of ['/inbox', '/inbox?class=unhappy']) {
    await phone.goto(BASE + url);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 391, `no horizontal scrolling on a phone (${url}: ${width}px)`);
  }
  await shot(phone, 'inbox-phone');
});

test('forgot password: the mailed link sets a new one, the old one stops working', async (t) => {
  const page = await session(t);
  await page.goto(BASE + '/login');
  await Promise.all([page.waitForNavigation(), page.click('a[href="/password/forgot"]')]);
  await page.fill('#email', 'lisa.bakker@stroomlijn.example');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.ok(await page.locator('[role=status]').count() === 1);
  const link = (await mailTo('lisa.bakker@stroomlijn.example')).match(/http:\/\/127\.0\.0\.1:\d+\/password\/reset\/[0-9a-f]{64}/)[0];
  await page.goto(link);
  // Too short: the browser already refuses (minlength); the server's own check is unit-tested.
  await page.fill('#password', 'kort');
  assert.equal(await page.evaluate(() => document.querySelector('#password').checkValidity()), false);
  await page.fill('#password', 'qwertyuiop');
  await page.fill('#password_again', 'qwertyuiop');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.match(await page.locator('[role=alert]').textContent(), /most common passwords|meest gebruikte wachtwoorden/);
  await page.fill('#password', 'Nieuw en lang genoeg 77');
  await page.fill('#password_again', 'Nieuw en lang genoeg 77');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.match(page.url(), /\/inbox$/);
  const fresh = await session(t);
  await login(fresh, 'lisa.bakker@stroomlijn.example');  // the old password
  assert.match(fresh.url(), /\/login$/);
  assert.match(await fresh.locator('[role=alert]').textContent(), /not correct|klopt niet/);
  await login(fresh, 'lisa.bakker@stroomlijn.example', 'Nieuw en lang genoeg 77');
  assert.match(fresh.url(), /\/inbox$/);
});

test('a customer answers a survey on a phone in Dutch and in English; survey pages pass axe-core', async (t) => {
  const created = await api('POST', '/api/v1/surveys', {
    name: 'Na levering (browser)', slug: 'browser-levering', default_language: 'nl', scale: 'nps',
    question: { nl: 'Hoe waarschijnlijk is het dat u ons aanbeveelt?', en: 'How likely are you to recommend us?' },
    open_question: { unhappy: { nl: 'Wat ging er mis?', en: 'What went wrong?' } },
    drivers: [{ key: 'delivery', max: 5, label: { nl: 'Bezorging', en: 'Delivery' } }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const cases = [
    { lang: 'nl', question: /Hoe waarschijnlijk/, open: /Wat ging er mis\?/, text: 'De bezorger kwam te laat.', thanks: /Dank u wel/ },
    { lang: 'en', question: /How likely/, open: /What went wrong\?/, text: 'The driver was late.', thanks: /Thank you/ },
  ];
  for (const c of cases) {
    const page = await session(t, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${BASE}/f/browser-levering?channel=qr&lang=${c.lang}`);
    assert.match(await page.locator('h1').innerText(), c.question);
    assert.equal(await page.getAttribute('html', 'lang'), c.lang);
    await axe(page, `survey (${c.lang})`);
    await shot(page, `survey-${c.lang}-1-score`);
    await Promise.all([page.waitForNavigation(), page.click('button[name=score][value="3"]')]);
    assert.match(await page.locator('label[for=text]').innerText(), c.open);
    await page.fill('#text', c.text);
    await page.check('input[name=d_delivery][value="2"]');
    await axe(page, `survey details (${c.lang})`);
    await shot(page, `survey-${c.lang}-2-details`);
    await Promise.all([page.waitForNavigation(), page.click('button.send')]);
    assert.match(await page.locator('main').innerText(), c.thanks);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'fits the phone');
    await shot(page, `survey-${c.lang}-3-thanks`);
    assert.deepEqual(page.problems, []);
  }
  const answers = await api('GET', '/api/v1/feedback?source=survey&channel=qr&limit=2');  // newest first: ours
  const texts = answers.json.items.map((i) => [i.text, i.language, i.score.value]);
  assert.deepEqual(texts.sort(), [['De bezorger kwam te laat.', 'nl', 3], ['The driver was late.', 'en', 3]]);

  // The coordinator edits it with a live preview in another language.
  const staff = await session(t);
  await login(staff, USERS.coordinator);
  await staff.goto(BASE + '/surveys/browser-levering');
  await axe(staff, 'survey editor');
  await staff.selectOption('#preview-language', 'en');
  await staff.locator('#preview').getByText('How likely are you to recommend us?').waitFor();
  assert.equal(await staff.locator('svg[role=img] title').count() >= 1, true, 'the QR code is on the page');
  await shot(staff, 'survey-editor');

  // A delivery schedules the demo's "levering" invitation (a day later): the customer page lists it,
  // and the response rates count it.
  const touchpoint = await api('POST', '/api/v1/touchpoints', {
    customer: { external_ref: 'browser-klant', name: 'Bram Browser', email: 'bram@example.nl', language: 'nl' },
    type: 'delivery',
  });
  assert.equal(touchpoint.status, 201, JSON.stringify(touchpoint.json));
  assert.equal(touchpoint.json.invitations[0].survey, 'levering');
  await staff.goto(BASE + '/customers/browser-klant');
  assert.match(await staff.locator('#invitations-heading').innerText(), /Uitnodigingen|Invitations/);
  assert.match(await staff.locator('section[aria-labelledby=invitations-heading] tbody').innerText(), /levering/);
  await axe(staff, 'customer page with invitations');
  await staff.goto(BASE + '/responses');
  assert.match(await staff.locator('main table tbody').innerText(), /levering/);
  await axe(staff, 'response rates');
  await shot(staff, 'survey-responses');
  assert.deepEqual(staff.problems, []);
});

test('the admin uploads a logo; survey pages show it, and a file that is no image is refused', async (t) => {
  const page = await session(t);
  await login(page, USERS.admin);
  await page.goto(BASE + '/admin/settings');
  await page.setInputFiles('#org-logo', { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.match(await page.locator('[role=alert]').innerText(), /PNG, JPEG|PNG, JPEG of SVG/);
  assert.equal((await fetch(BASE + '/logo')).status, 404);
  page.problems.length = 0;  // the refusal is a 400 response, which the browser logs

  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  await page.goto(BASE + '/admin/settings');
  await page.setInputFiles('#org-logo', { name: 'logo.png', mimeType: 'image/png', buffer: png });
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  assert.match(page.url(), /saved=1/);
  const src = await page.getAttribute('img.logo-preview', 'src');
  const logo = await fetch(BASE + src);
  assert.equal(logo.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await logo.arrayBuffer()), png);
  await axe(page, 'settings with a logo');

  const customer = await session(t, { viewport: { width: 390, height: 844 }, isMobile: true });
  await customer.goto(BASE + '/f/levering?lang=nl');
  assert.equal(await customer.getAttribute('header img.logo', 'src'), src);
  await shot(customer, 'survey-with-logo');
  assert.deepEqual(customer.problems, []);
  assert.deepEqual(page.problems, []);
});

test('dashboards: the distribution drills down to the inbox, filters stay in the URL, every page is accessible', async (t) => {
  const page = await session(t);
  await login(page, USERS.executive);
  await Promise.all([page.waitForNavigation(), page.click('nav a[href="/analytics"]')]);
  assert.ok(await page.locator('svg.ks-chart-histogram').count() > 0, 'a histogram');
  assert.ok(await page.locator('svg.ks-chart-class-bar').count() > 0, 'a class bar');
  assert.ok(await page.locator('svg.ks-chart-time-series').count() > 0, 'a trend');
  // Every chart's data is there as a table too.
  await page.locator('details summary').first().click();
  assert.ok(await page.locator('details[open] table.ks-chart-table').count() > 0, 'the data table opens');
  await shot(page, 'analytics-overview');
  await axe(page, 'analytics overview');

  // A filter stays in the URL and in the tabs' links.
  await page.selectOption('#f-unit', 'regio-randstad');
  await Promise.all([page.waitForNavigation(), page.click('#filters button[type=submit]')]);
  assert.equal(new URL(page.url()).searchParams.get('unit'), 'regio-randstad');
  for (const href of await page.locator('nav.tabs a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    assert.match(href, /unit=regio-randstad/, href);
  }

  // A histogram bar opens the inbox with that score and unit.
  const bar = page.locator('svg.ks-chart-histogram a.ks-chart-link').last();
  const target = await bar.getAttribute('href');
  await Promise.all([page.waitForNavigation(), bar.click()]);
  const inbox = new URL(page.url());
  assert.equal(inbox.pathname, '/inbox');
  assert.equal(inbox.searchParams.get('unit'), 'regio-randstad', target);
  assert.ok(inbox.searchParams.get('score'), target);
  assert.ok(await page.locator('#feedback-list li.feedback-item').count() > 0, 'the inbox shows those answers');

  // The other dashboards render, pass axe-core and download their data as CSV.
  for (const path of ['/analytics/outliers', '/analytics/drivers', '/analytics/words', '/analytics/competitors', '/analytics/report']) {
    const response = await page.goto(BASE + path);
    assert.equal(response.status(), 200, path);
    assert.ok(await page.locator('main svg').count() > 0, `${path} draws a chart`);
    await axe(page, path);
    await shot(page, 'analytics-' + path.split('/').pop());
  }
  for (const path of ['/analytics', '/analytics/outliers', '/analytics/competitors']) {
    const csv = await page.request.get(BASE + path + '?format=csv');
    assert.match(csv.headers()['content-type'], /text\/csv/, path);
    assert.ok((await csv.text()).split('\n').length > 2, `${path} CSV has rows`);
  }
  await page.goto(BASE + '/analytics/drivers');
  assert.match(await page.locator('main').innerText(), /Bezorging/, 'delivery is a driver of the demo survey');

  // An executive records a measure; it is listed with its before/after figures.
  await page.goto(BASE + '/analytics');
  await page.locator('details.dashboard-event-form summary').click();
  await page.fill('#event-title', 'Browser-test: nieuwe route');
  await page.fill('#event-date', new Date(Date.now() - 30 * 86400e3).toISOString().slice(0, 10));
  await Promise.all([page.waitForNavigation(), page.click('details.dashboard-event-form button[type=submit]')]);
  assert.match(await page.locator('#events').innerText(), /Browser-test: nieuwe route/);
  assert.deepEqual(page.problems, []);
});

test('dashboards: a manager sees only their own units', async (t) => {
  const page = await session(t);
  await login(page, USERS.manager);
  await page.goto(BASE + '/analytics/outliers?dimension=unit');
  const units = await page.locator('#f-unit option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v));
  assert.deepEqual(units, ['utrecht-centrum']);
  const text = await page.locator('main').innerText();
  assert.doesNotMatch(text, /Amsterdam Centrum|Rotterdam Zuidplein/);
  // Asking for another unit gives nothing of it.
  await page.goto(BASE + '/analytics');
  assert.equal(await page.locator('details.dashboard-event-form').count(), 0, 'managers record no events');
  const csv = await page.request.get(BASE + '/analytics?unit=amsterdam-centrum&format=csv');
  const [header, ...rows] = (await csv.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const n = header.split(',').indexOf('n');
  assert.ok(n > 0, header);
  for (const row of rows) assert.equal(row.split(',')[n], '0', row);
  assert.deepEqual(page.problems, []);
});

test('an admin tries the text analysis, adds a topic and watches stored feedback being re-analysed', async (t) => {
  const page = await session(t);
  await login(page, USERS.admin);
  await Promise.all([page.waitForNavigation(), page.click('nav a[href="/admin/topics"]')]);
  await axe(page, 'topics page');
  // Try a mixed sentence: each topic gets its own sentiment.
  await page.fill('#topics-sample', 'De bezorging was veel te laat, maar de chauffeur was erg vriendelijk.');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/topics/try"] button')]);
  const analysis = await page.locator('#topics-analysis').innerText();
  assert.match(analysis, /nl/);
  assert.match(analysis, /Bezorging: negatief/, analysis);
  assert.match(analysis, /personeel: positief/i, analysis);
  await shot(page, 'topics-try');
  // A new topic in the empty row, saved with a re-analysis of the demo feedback.
  const row = page.locator('fieldset.topic-fieldset').last();
  await row.locator('input[name$="_key"]').fill('kassa');
  await row.locator('input[name$="_name_nl"]').fill('Kassa');
  await row.locator('input[name$="_name_en"]').fill('Checkout');
  await row.locator('textarea[name$="_keywords_nl"]').fill('kassa\nafrekenen');
  await row.locator('textarea[name$="_keywords_en"]').fill('checkout\ntill');
  await Promise.all([page.waitForNavigation(), page.click('#topics-save')]);
  assert.match(await page.locator('p.notice').innerText(), /opgeslagen/);
  // The progress box refreshes itself (htmx) until the run is finished.
  await page.locator('#reanalysis:not([hx-trigger])').waitFor({ timeout: 60_000 });
  assert.match(await page.locator('#reanalysis').innerText(), /Klaar/);
  await shot(page, 'topics-reanalysed');
  await axe(page, 'topics page after saving');
  // Trying a text now finds the new topic.
  await page.fill('#topics-sample', 'Bij de kassa stond een lange rij.');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/topics/try"] button')]);
  assert.match(await page.locator('#topics-analysis').innerText(), /Kassa/);
  assert.deepEqual(page.problems, []);
});
