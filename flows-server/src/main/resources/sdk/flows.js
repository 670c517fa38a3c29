/* Flows browser script: what visitors do on a page, as CloudEvents posted to a Flows channel.
 * <script src="https://flows.example/sdk/flows.js" data-channel="web" defer></script>, or without
 * data-channel: flows.init({channel, server}). Plain ES2017. README: "Events from web pages". */
(() => {
  'use strict';
  if (window.flows && window.flows.track) return; // included twice: the first copy goes on

  const BATCH = 20;            // events per request; this many waiting are sent at once, else after FLUSH_MS
  const FLUSH_MS = 1000;
  const MAX_QUEUE = 500;       // kept while the server cannot be reached; the oldest go first
  const IDLE_MS = 30 * 60000;  // a session ends after 30 minutes without an event
  const ORPHAN_MS = 5 * 60000; // a stored queue no tab saved for this long was left by a closed tab
  const CLICKABLE = 'a,button,summary,[role=button],[role=link],[role=tab],[role=menuitem],[data-flows-click],' +
    ['button', 'submit', 'reset', 'image', 'checkbox', 'radio'].map((t) => `input[type=${t}]`).join(',');
  // Field names never sent; short words must stand alone, so that "classname" is no "ssn".
  const SECRET = new RegExp('pass|pwd|secret|token|credit.?card|card.?(num|no)|cc.?(num|no)|social.?sec|' +
    '(^|[^a-z])(ssn|cvc|cvv|csc|pin|otp|iban)([^a-z]|$)', 'i');
  const NOT_DATA = /^(password|file|submit|button|reset|image|fieldset|output|object)$/;
  const TYPE = /^[A-Za-z0-9][A-Za-z0-9._:\/-]{0,199}$/;

  const script = document.currentScript;
  const parse = (text) => { try { return JSON.parse(text); } catch (e) { return null; } };
  // Storage may be off (privacy modes) or full: the script then works from memory.
  const read = (area, key) => { try { return window[area].getItem(key); } catch (e) { return null; } };
  const write = (area, key, v) => {
    try { v == null ? window[area].removeItem(key) : window[area].setItem(key, v); } catch (e) { /* memory */ }
  };
  const emit = (name, detail) => window.dispatchEvent(new CustomEvent('flows:' + name, {detail}));
  // randomUUID exists in secure contexts only (https, localhost); getRandomValues everywhere.
  const uuid = () => crypto.randomUUID ? crypto.randomUUID() : '10000000-1000-4000-8000-100000000000'
    .replace(/[018]/g, (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  const kept = (area, key) => { const v = read(area, key) || uuid(); write(area, key, v); return v; };

  const uid = kept('localStorage', 'flows.uid'); // the anonymous visitor, across visits
  // Unsent events are stored per tab (the tab's id survives reloads): tabs never overwrite each other's.
  const QUEUE_KEY = 'flows.queue.' + kept('sessionStorage', 'flows.tab');
  let session = parse(read('sessionStorage', 'flows.session'));
  let url = null;     // where events go, once started
  let queue = [];     // events not yet acknowledged, oldest first
  let inFlight = 0;   // how many of the first events of queue a request carries
  let failures = 0;   // failed sends in a row
  let timer = 0;

  function record(type, data) {
    const now = Date.now();
    if (!session || !(now - session.last < IDLE_MS)) session = {id: uuid()};
    session.last = now;
    write('sessionStorage', 'flows.session', JSON.stringify(session));
    queue.push({specversion: '1.0', id: uuid(), source: location.origin + location.pathname, type,
      time: new Date(now).toISOString(), subject: uid, datacontenttype: 'application/json',
      data: Object.assign({}, data, {session: session.id})});
    if (queue.length > MAX_QUEUE) queue.splice(inFlight, 1); // never one a request carries
    save();
    if (!failures && queue.length - inFlight >= BATCH) flush();
    else schedule(FLUSH_MS);
  }

  const save = () =>
    write('localStorage', QUEUE_KEY, queue.length ? JSON.stringify({at: Date.now(), events: queue}) : null);
  const schedule = (ms) => { timer = timer || setTimeout(() => { timer = 0; flush(); }, ms); };

  // Take back this tab's events from before a reload, and those of closed tabs (a live tab saves at each retry).
  function adopt() {
    let keys = [];
    try { keys = Object.keys(localStorage).filter((k) => k.startsWith('flows.queue.')); } catch (e) { /* off */ }
    for (const key of keys) {
      const stored = parse(read('localStorage', key)) || {};
      if (key !== QUEUE_KEY && Date.now() - stored.at < ORPHAN_MS) continue;
      const known = new Set(queue.map((e) => e.id));
      queue = (stored.events || []).filter((e) => !known.has(e.id)).concat(queue).slice(-MAX_QUEUE);
      write('localStorage', key, null);
    }
    save();
  }

  async function flush() {
    if (!url || inFlight || !queue.length) return;
    clearTimeout(timer);
    timer = 0;
    const batch = queue.slice(0, BATCH);
    const body = JSON.stringify(batch);
    inFlight = batch.length;
    let status = 0;
    let detail = 'network error';
    try { // a string body goes as text/plain: a CORS "simple request", without preflight
      // keepalive (the request outlives the page) allows 64 KiB in flight: 20000 UTF-16 units stay below it
      const response =
        await fetch(url, {method: 'POST', body, credentials: 'omit', keepalive: body.length < 20000});
      status = response.status;
      if (!response.ok) detail = await response.text().then((t) => (parse(t) || {}).detail || t, () => '');
    } catch (e) { /* offline, refused, blocked: alike from here, and they may pass */ }
    inFlight = 0;
    if (!status || status === 408 || status === 429 || status >= 500) {
      failures++;
      save(); // also shows other tabs this queue is alive
      const retryMs = Math.min(60000, 1000 * 2 ** failures) * (0.5 + Math.random() / 2);
      emit('failed', {status, detail, events: batch.length, retryMs});
      clearTimeout(timer); // new events wait for the backoff too
      timer = 0;
      schedule(retryMs);
      return;
    }
    queue.splice(0, batch.length);
    save();
    failures = 0;
    if (status < 300) {
      emit('sent', {events: batch.length});
    } else { // any other 4xx comes back however often the batch is sent
      console.error(`flows: the server refused ${batch.length} event(s) with ${status}: ${detail}`);
      emit('dropped', {status, detail, events: batch.length});
    }
    flush();
  }

  // The page may not run again: the browser sends what waits after it is gone. Not while sends fail: then the
  // events stay stored for the next page of this site.
  function beacon() {
    if (!url || failures || navigator.onLine === false || !navigator.sendBeacon) return;
    // sendBeacon refuses what is over the browser's quota: that stays for the next page
    while (queue.length > inFlight) {
      if (!navigator.sendBeacon(url, JSON.stringify(queue.slice(inFlight, inFlight + BATCH)))) break;
      queue.splice(inFlight, BATCH);
    }
    save();
  }

  const text = (el) =>
    (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 100);

  // A short path such as "section#products > button.buy": up to four elements, up to one with an id.
  function selector(el) {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 4 && e !== document.body; e = e.parentElement) {
      const tag = e.tagName.toLowerCase();
      const classes = Array.from(e.classList).slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      parts.unshift(e.id ? tag + '#' + CSS.escape(e.id) : tag + classes);
      if (e.id) break;
    }
    return parts.join(' > ');
  }

  // Never sent: password inputs, fields marked data-flows-sensitive (or inside an element so marked), card and
  // one-time-code autocomplete, names that look like secrets, and values that look like card numbers.
  const sensitive = (el) => el.type === 'password' || !!el.closest('[data-flows-sensitive]') ||
    SECRET.test(el.name.replace(/([a-z])([A-Z])/g, '$1 $2')) || // "userSsn" is "user Ssn"
    /(^|\s)(cc-|one-time-code|current-password|new-password)/i.test(el.getAttribute('autocomplete') || '');

  function cardNumber(value) { // 13 to 19 digits that pass the Luhn check
    const digits = value.replace(/[\s-]/g, '');
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      const d = digits[digits.length - 1 - i] * (i % 2 ? 2 : 1);
      sum += d > 9 ? d - 9 : d;
    }
    return /^\d{13,19}$/.test(digits) && sum % 10 === 0;
  }

  function onClick(e) {
    const el = e.target instanceof Element && e.target.closest(CLICKABLE);
    // A submit button's click is recorded as the form's submission.
    if (!el || el.closest('[data-flows-ignore]') || (el.form && /^(submit|image)$/.test(el.type))) return;
    const attributes = {};
    for (const a of el.attributes) if (/^data-(?!flows-)/.test(a.name)) attributes[a.name.slice(5)] = a.value;
    record('browser.element.clicked', {tag: el.tagName.toLowerCase(), id: el.id || undefined,
      classes: Array.from(el.classList), text: el.closest('[data-flows-sensitive]') ? undefined : text(el),
      href: typeof el.href === 'string' ? el.href : undefined, attributes, selector: selector(el)});
  }

  function onSubmit(e) {
    const form = e.target;
    if (!(form instanceof HTMLFormElement) || form.closest('[data-flows-ignore]')) return;
    const fields = {};
    for (const f of form.elements) {
      if (!f.name || f.disabled || NOT_DATA.test(f.type) || sensitive(f)) continue;
      if (/^(checkbox|radio)$/.test(f.type) && !f.checked) continue;
      const values = f.type === 'select-multiple' ? Array.from(f.selectedOptions, (o) => o.value) : [f.value];
      for (const v of values.filter((v) => !cardNumber(v)).map((v) => v.slice(0, 500))) {
        fields[f.name] = f.name in fields ? [].concat(fields[f.name], v) : v; // a repeated name gives a list
      }
    }
    // Attributes, not properties: a field named "id" or "action" would hide the form's own.
    const attribute = (name) => form.getAttribute(name) || undefined;
    const action = new URL(attribute('action') || '', location.href).href;
    const method = (attribute('method') || 'get').toLowerCase();
    record('browser.form.submitted', {id: attribute('id'), name: attribute('name'), action, method, fields});
  }

  let lastUrl = '';
  function onPage() {
    if (location.href === lastUrl) return; // pushState to the same address is no new page
    const referrer = lastUrl || document.referrer || undefined;
    lastUrl = location.href;
    record('browser.page.viewed', {url: lastUrl, path: location.pathname, title: document.title, referrer});
  }

  let touch = null;
  function onTouch(e) {
    const t = e.changedTouches[0];
    if (e.type === 'touchstart') {
      touch = e.touches.length === 1 ? {x: t.clientX, y: t.clientY, at: Date.now(), el: e.target} : null;
      return;
    }
    const start = touch;
    touch = null;
    if (!start || !(start.el instanceof Element) || start.el.closest('[data-flows-ignore]')) return;
    const dx = t.clientX - start.x, dy = t.clientY - start.y, durationMs = Date.now() - start.at;
    if (Math.max(Math.abs(dx), Math.abs(dy)) < 50 || durationMs > 1000) return; // a tap, or a slow scroll
    const direction = Math.abs(dx) >= Math.abs(dy) ? (dx > 0 ? 'right' : 'left') : (dy > 0 ? 'down' : 'up');
    record('browser.gesture.swiped',
      {direction, distance: Math.round(Math.hypot(dx, dy)), durationMs, selector: selector(start.el)});
  }

  /** Starts recording: options.channel (required), options.server (default: where this script came from). */
  function init(options) {
    if (url) return console.warn('flows: already started; call flows.init once per page');
    const o = options || {};
    const server = String(o.server || (script ? new URL(script.src, location.href).origin : '')).replace(/\/+$/, '');
    if (!o.channel || !server) {
      throw new TypeError('flows.init needs a channel and a server (by default where this script came from),' +
        ' e.g. flows.init({channel: "web", server: "https://flows.example"})');
    }
    url = `${server}/sdk/channels/${encodeURIComponent(o.channel)}/events`;
    adopt();
    const on = (target, type, f) => target.addEventListener(type, f, {capture: true, passive: true});
    on(document, 'click', onClick);
    on(document, 'submit', onSubmit);
    on(document, 'touchstart', onTouch);
    on(document, 'touchend', onTouch);
    on(window, 'popstate', onPage);
    const push = history.pushState;
    history.pushState = function () { const r = push.apply(this, arguments); onPage(); return r; };
    on(window, 'online', () => { failures = 0; flush(); });
    on(document, 'visibilitychange', () => document.visibilityState === 'hidden' && beacon());
    on(window, 'pagehide', beacon);
    onPage();
    flush();
  }

  /** Records a custom event: a type such as "shop.coupon.applied" and an object of data, copied now. */
  function track(type, data) {
    if (typeof type !== 'string' || !TYPE.test(type)) {
      throw new TypeError(`flows.track: ${JSON.stringify(type)} is not an event type; use up to 200 letters, ` +
        'digits and . _ - : /, starting with a letter or digit, e.g. "shop.coupon.applied"');
    }
    if (data != null && (typeof data !== 'object' || Array.isArray(data))) {
      throw new TypeError('flows.track: data must be an object, e.g. {coupon: "SPRING"}');
    }
    record(type, parse(JSON.stringify(data || {})));
  }

  window.flows = {init, track, flush, user: uid};
  if (script && script.dataset.channel) init({channel: script.dataset.channel, server: script.dataset.server});
})();
