// The storefront's signed-in parts, on every store page (no framework: a few kilobytes). The viewer's ID token is kept
// where the player keeps it (localStorage `ott-player:viewer:<api>:<tenant>`, player-sdk viewer-session-store.ts), so
// signing in on the store or in the player signs in both. It gives the player the viewer's credential and place
// (continue watching), fills the library rows, saves to my list, buys offers through Checkout, and runs the sign-in,
// sign-up and account pages. The token goes only in the Authorization header, never in a URL.
(() => {
  const body = document.body;
  const api = (body.dataset.api || '').replace(/\/+$/, '');
  const tenant = body.dataset.tenant || '';
  const store = `/store/${tenant}/`;
  const key = `ott-player:viewer:${api}:${tenant}`;
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];

  function session() {
    try {
      const stored = JSON.parse(localStorage.getItem(key) || 'null');
      if (stored && typeof stored.idToken === 'string' && new Date(stored.expiresAt).getTime() > Date.now()) return stored;
      localStorage.removeItem(key);
    } catch {
      // Storage refused (private mode) or not ours: signed out.
    }
    return undefined;
  }
  const keep = (tokens, email) => localStorage.setItem(key, JSON.stringify({ idToken: tokens.idToken, expiresAt: tokens.expiresAt, email }));
  const signedIn = session();

  /** tRPC over plain HTTP: queries by GET (input in the URL, never the token), mutations by POST. */
  async function call(procedure, input, mutation) {
    const headers = { 'Content-Type': 'application/json' };
    const current = session();
    if (current) headers.Authorization = `Bearer ${current.idToken}`;
    const url = `${api}/trpc/${procedure}`;
    const response = mutation
      ? await fetch(url, { method: 'POST', headers, body: JSON.stringify(input), credentials: 'omit' })
      : await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers, credentials: 'omit' });
    const answer = await response.json().catch(() => undefined);
    if (response.ok && answer && answer.result) return answer.result.data;
    if (response.status === 401) localStorage.removeItem(key);
    throw new Error((answer && answer.error && answer.error.message) || 'Something went wrong. Try again in a moment.');
  }

  const show = (element, text) => {
    if (!element) return;
    element.textContent = text;
    element.hidden = !text;
  };
  for (const element of $$('[data-signed-in]')) element.hidden = !signedIn;
  for (const element of $$('[data-signed-out]')) element.hidden = Boolean(signedIn);

  function card(videoId, title, caption) {
    const link = document.createElement('a');
    link.className = 'card';
    link.href = `${store}title/${videoId}`;
    const image = document.createElement('img');
    Object.assign(image, { src: `${store}poster/${videoId}`, alt: '', loading: 'lazy', width: 320, height: 180 });
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = title;
    link.append(image, label);
    if (caption) {
      const note = document.createElement('span');
      note.className = 'quiet';
      note.textContent = caption;
      link.append(note);
    }
    return link;
  }

  async function libraryRows() {
    const rows = { continueWatching: $('[data-library="continueWatching"]'), myList: $('[data-library="myList"]') };
    const [watching, list] = await Promise.all([call('viewerLibrary.continueWatching', { tenantSlug: tenant }), call('viewerLibrary.myList', { tenantSlug: tenant })]);
    const fill = (row, items, caption) => {
      if (!row || items.length === 0) return;
      $('.cards', row).replaceChildren(...items.map((item) => card(item.videoId, item.title, caption(item))));
      row.hidden = false;
    };
    fill(rows.continueWatching, watching, (item) => (item.durationSeconds ? `${Math.ceil((item.durationSeconds - item.resumeSeconds) / 60)} min left` : ''));
    fill(rows.myList, list, () => '');
  }

  /** Recommended titles, each saying why (trending, because you watched, more like this); personal when signed in. */
  async function recommendations(videoId) {
    const row = $('[data-recommendations]');
    const { recommendations: items } = await call('storefront.recommendations', { tenantSlug: tenant, limit: 12, ...(videoId ? { videoId } : {}) });
    if (items.length === 0) return;
    $('.cards', row).replaceChildren(...items.map((item) => card(item.videoId, item.title, item.sentence)));
    row.hidden = false;
  }

  async function titlePage() {
    const player = $('ott-player');
    const videoId = player.getAttribute('video-id');
    // The player's refusals (a rental that has ended, a title for paying viewers) are said beside the offers too.
    player.addEventListener('error', (event) => {
      const problem = event.detail;
      if (problem && problem.fatal && problem.message) show($('.refusal'), problem.message);
    });
    for (const button of $$('[data-offer]')) button.addEventListener('click', () => buy(button));
    // The row below the player waits for the player's first answer from the API (its grant, or why not), so that the
    // two requests do not race for the API at the moment the video is starting.
    const playerAnswered = new Promise((resolve) => {
      for (const type of ['authorized', 'error', 'signinrequired', 'paywall']) player.addEventListener(type, resolve, { once: true });
      setTimeout(resolve, 3000);
    });
    const recommend = () => void playerAnswered.then(() => recommendations(videoId)).catch(() => {});
    if (!signedIn) return recommend();
    // This runs before the SDK (both deferred, in order): out of the page, the player waits, unstarted, for the
    // viewer's credential and the place to resume at.
    const stage = player.parentElement;
    player.remove();
    player.setAttribute('credential', signedIn.idToken);
    const [watching, list] = await Promise.all([
      call('viewerLibrary.continueWatching', { tenantSlug: tenant, limit: 50 }).catch(() => []),
      call('viewerLibrary.myList', { tenantSlug: tenant }).catch(() => []),
    ]);
    const place = watching.find((item) => item.videoId === videoId);
    if (place) player.setAttribute('start-time', String(place.resumeSeconds));
    stage.append(player);
    recommend();
    const save = $('[data-save]');
    save.textContent = list.some((item) => item.videoId === videoId) ? 'In my list ✓' : 'Add to my list';
    save.hidden = false;
    save.addEventListener('click', async () => {
      const saved = save.textContent !== 'Add to my list';
      await call(saved ? 'viewerLibrary.removeFromList' : 'viewerLibrary.addToList', { tenantSlug: tenant, videoId }, true);
      save.textContent = saved ? 'Add to my list' : 'In my list ✓';
    });
  }

  async function buy(button) {
    const here = `${location.origin}${location.pathname}`;
    if (!session()) return location.assign(`${store}sign-in?return=${encodeURIComponent(location.pathname)}`);
    button.disabled = true;
    try {
      const { url } = await call('viewerSales.buy', { tenantSlug: tenant, offerId: button.dataset.offer, successUrl: `${here}?bought=1`, cancelUrl: here }, true);
      location.assign(url);
    } catch (error) {
      show($('.offers .problem'), error.message);
      button.disabled = false;
    }
  }

  /** Back where the viewer was, if it is a page of this store. */
  function back() {
    const target = new URLSearchParams(location.search).get('return') || '';
    location.assign(target.startsWith(store) && !target.startsWith('//') ? target : store);
  }

  function form(id, submit) {
    const element = $(`#${id}`);
    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = $('button[type="submit"]', element);
      button.disabled = true;
      show($('.problem', element), '');
      try {
        await submit(Object.fromEntries(new FormData(element)), element);
      } catch (error) {
        show($('.problem', element), error.message);
      } finally {
        button.disabled = false;
      }
    });
  }

  async function accountPage() {
    $('.email').textContent = signedIn.email;
    $('.sign-out').addEventListener('click', () => {
      localStorage.removeItem(key);
      location.assign(store);
    });
    $('.manage').addEventListener('click', async () => {
      try {
        const { url } = await call('viewerSales.customerPortal', { tenantSlug: tenant, returnUrl: `${location.origin}${location.pathname}` }, true);
        location.assign(url);
      } catch (error) {
        show($('.problem'), error.message);
      }
    });
    const purchases = await call('viewerSales.purchases', { tenantSlug: tenant });
    const when = (at) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    $('.purchases').replaceChildren(
      ...(purchases.length === 0 ? [Object.assign(document.createElement('li'), { textContent: 'Nothing yet.' })] : purchases).map((purchase) => {
        if (purchase instanceof Node) return purchase;
        const item = document.createElement('li');
        // A sale waiting for a bank payment, or whose payment failed: the server's note says what happens next.
        const state = purchase.note
          ? purchase.note
          : !purchase.playable
            ? purchase.status === 'refunded'
              ? 'Refunded'
              : 'Ended'
            : purchase.accessEndsAt
              ? `${purchase.cancelAtPeriodEnd ? 'Cancelled: access until' : purchase.kind === 'subscription' ? 'Renews' : 'Until'} ${when(purchase.accessEndsAt)}`
              : 'Yours to keep';
        item.textContent = `${purchase.name} — ${state}`;
        return item;
      }),
    );
  }

  // Between sign-in and sign-up, where to come back to goes along.
  for (const link of $$('main a[href$="/sign-in"], main a[href$="/sign-up"]')) link.search = location.search;
  const signIn = $('header a[data-signed-out]');
  if (signIn && !/\/sign-(in|up)$/.test(location.pathname)) signIn.search = `?return=${encodeURIComponent(location.pathname)}`;

  const pages = {
    home: () => Promise.all([recommendations(), signedIn && libraryRows()]),
    title: titlePage,
    'sign-in': () =>
      form('sign-in', async (fields) => {
        const answer = await call('viewerAuth.signIn', { tenantSlug: tenant, email: fields.email, password: fields.password }, true);
        if (answer.kind === 'new-password-required') throw new Error('Your account needs a new password: open any title and sign in with the player to set it.');
        keep(answer, fields.email);
        back();
      }),
    'sign-up': () =>
      form('sign-up', async (fields, element) => {
        const step = $('[data-step="code"]', element);
        if (step.hidden) {
          await call('viewerAuth.startSignUp', { tenantSlug: tenant, email: fields.email }, true);
          step.hidden = false;
          $('[name="email"]', element).readOnly = true;
          return;
        }
        keep(await call('viewerAuth.completeSignUp', { tenantSlug: tenant, email: fields.email, code: fields.code, password: fields.password }, true), fields.email);
        back();
      }),
    account: () => signedIn && accountPage(),
  };
  Promise.resolve(pages[body.dataset.page] && pages[body.dataset.page]()).catch((error) => show($('.problem') || $('.refusal'), error.message));
})();
