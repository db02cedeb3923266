// The evaluator dashboard's script: plain browser JavaScript, inlined under a CSP hash. The key
// is typed into the form and kept in sessionStorage (gone with the tab), sent only as
// `Authorization: Bearer`, never in a URL. Texts from the API go in through textContent; the
// report page is shown in a sandboxed frame that may run no script.
(() => {
  const $ = (id) => document.getElementById(id);
  const STORE = 'ecoute.dashboard';
  let session = null;

  const say = (text, bad) => {
    $('message').textContent = text;
    $('message').className = bad ? 'bad' : '';
  };
  const day = (d) => d.toISOString().slice(0, 10);

  async function api(path) {
    const res = await fetch(path, {
      headers: { authorization: `Bearer ${session.key}` },
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      const issues = data?.error?.issues ? data.error.issues.map((i) => i.message).join(' ; ') : '';
      throw new Error(`${data?.error?.message || `erreur ${res.status}`}${issues ? ` (${issues})` : ''}`);
    }
    return res;
  }

  function reportPath(ext, extra) {
    const q = new URLSearchParams({ from: $('from').value, to: $('to').value, lang: $('lang').value, ...extra });
    if ($('b-from').value && $('b-to').value) {
      q.set('baselineFrom', $('b-from').value);
      q.set('baselineTo', $('b-to').value);
    }
    return `/v1/surveys/${encodeURIComponent($('survey').value)}/report.${ext}?${q}`;
  }

  async function open() {
    const { items } = await (await api(`/v1/territories/${encodeURIComponent(session.territory)}/surveys`)).json();
    const select = $('survey');
    select.replaceChildren();
    for (const s of items) {
      const title = (s.title && (s.title.fr || Object.values(s.title)[0])) || s.id;
      const option = document.createElement('option');
      option.value = s.id;
      option.textContent = `${title} (${s.status})`;
      select.append(option);
    }
    $('work').hidden = false;
    say(items.length ? `${items.length} questionnaire(s).` : 'Aucun questionnaire dans ce territoire.');
  }

  async function show() {
    say('Calcul du rapport…');
    const html = await (await api(reportPath('html'))).text();
    const frame = $('report');
    frame.hidden = false;
    frame.srcdoc = html;
    say('Rapport affiché.');
  }

  async function download(ext, extra) {
    const res = await api(reportPath(ext, extra));
    const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') || '');
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ? name[1] : `rapport.${ext}`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // The frame's page has no script; its height is read from here so the whole report shows.
  $('report').addEventListener('load', () => {
    const doc = $('report').contentDocument;
    if (doc?.documentElement) $('report').style.height = `${doc.documentElement.scrollHeight + 8}px`;
  });

  const guard = (work) => (e) => {
    e.preventDefault();
    work().catch((err) => say(err.message, true));
  };
  $('login').addEventListener(
    'submit',
    guard(async () => {
      session = { territory: $('territory').value.trim(), key: $('key').value.trim() };
      sessionStorage.setItem(STORE, JSON.stringify(session));
      $('key').value = '';
      await open();
    }),
  );
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(STORE);
    session = null;
    $('work').hidden = true;
    $('report').hidden = true;
    $('report').srcdoc = '';
    say('Clé oubliée.');
  });
  $('period').addEventListener('submit', guard(show));
  $('csv').addEventListener(
    'click',
    guard(() => download('csv', { sep: $('sep').value })),
  );
  $('html').addEventListener(
    'click',
    guard(() => download('html', {})),
  );

  // Default period: the last closed month.
  const now = new Date();
  const first = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getFullYear(), now.getMonth(), 0));
  $('from').value = day(first);
  $('to').value = day(last);

  const saved = sessionStorage.getItem(STORE);
  if (saved) {
    session = JSON.parse(saved);
    $('territory').value = session.territory;
    open().catch((err) => say(err.message, true));
  }
})();
