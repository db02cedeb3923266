// The moderator page's script: plain browser JavaScript, inlined under a CSP hash. The key lives
// in this closure only (never in the URL or storage); every text from the API goes in through
// textContent, never as HTML.
(() => {
  const $ = (id) => document.getElementById(id);
  // The one vocabulary (analytics/suggestion-statuses.ts), written in by moderation.ts.
  const STATUSES = /*STATUSES*/ {};
  const NEXT = {
    received: ['in_review'],
    in_review: ['answered', 'planned', 'declined', 'duplicate'],
    answered: ['done'],
    planned: ['done'],
    declined: ['done'],
    duplicate: ['done'],
    done: [],
  };
  const ACTIONS = {
    received: 'reçu',
    status: 'statut',
    answer: 'réponse',
    note: 'note interne',
    hide: 'masqué',
    show: 'affiché',
    merge: 'fusionné',
    contact_erased: 'contact effacé',
  };
  let session = null;
  let cursor = null;
  let current = null;

  const el = (tag, text, attrs) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  };
  const when = (iso) => (iso ? new Date(iso).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' }) : '');
  const say = (text, bad) => {
    const box = $('message');
    box.textContent = text;
    box.className = bad ? 'bad' : '';
  };

  async function api(method, path, body) {
    const init = { method, headers: { authorization: `Bearer ${session.key}` }, credentials: 'omit' };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) throw new Error(data?.error?.message || `erreur ${res.status}`);
    return data;
  }
  const t = () => encodeURIComponent(session.territory);
  const c = (code) => encodeURIComponent(code);

  async function load(more) {
    const q = new URLSearchParams({ limit: '25' });
    if ($('f-status').value) q.set('status', $('f-status').value);
    if ($('f-category').value) q.set('category', $('f-category').value);
    if ($('f-hidden').value) q.set('hidden', $('f-hidden').value);
    if (more && cursor) q.set('cursor', cursor);
    const page = await api('GET', `/v1/territories/${t()}/suggestions?${q}`);
    const body = $('rows');
    if (!more) body.replaceChildren();
    for (const s of page.items) {
      const row = el('tr');
      const open = el('button', s.code, { type: 'button', class: 'link' });
      open.addEventListener('click', () => show(s.code).catch((e) => say(e.message, true)));
      const codeCell = el('td');
      codeCell.append(open);
      row.append(
        el('td', when(s.createdAt)),
        codeCell,
        el('td', s.category),
        el('td', s.district || '—'),
        el('td', STATUSES[s.status] || s.status),
        el('td', s.hidden ? 'masqué' : ''),
        el('td', s.text.length > 140 ? `${s.text.slice(0, 140)}…` : s.text),
      );
      body.append(row);
    }
    cursor = page.next;
    $('more').hidden = !cursor;
    say(body.children.length ? `${body.children.length} message(s) affiché(s).` : 'Aucun message.');
  }

  async function show(code) {
    const d = await api('GET', `/v1/suggestions/${c(code)}/details`);
    current = d.suggestion;
    const s = current;
    $('detail').hidden = false;
    $('d-code').textContent = s.code;
    const facts = $('d-facts');
    facts.replaceChildren();
    const fact = (name, value) => facts.append(el('dt', name), el('dd', value));
    fact('Statut', STATUSES[s.status] || s.status);
    fact('Thème', s.category);
    fact('Quartier', s.district || '—');
    fact('Reçu le', when(s.createdAt));
    fact('Contact', d.contact ? d.contact.email : s.hasContact ? 'expiré' : 'aucun');
    fact('Réponse publique', s.answer ? s.answer.text : '—');
    if (s.mergedInto) fact('Doublon de', s.mergedInto);
    fact('Visibilité', s.hidden ? 'masqué (abusif)' : 'visible');
    $('d-text').textContent = s.text;
    const history = $('d-history');
    history.replaceChildren();
    for (const h of d.history) {
      const parts = [when(h.at), h.by || 'habitant', ACTIONS[h.action] || h.action];
      if (h.from || h.to) parts.push(`${STATUSES[h.from] || ''} → ${STATUSES[h.to] || ''}`);
      if (h.into) parts.push(h.into);
      const item = el('li', parts.join(' · '));
      if (h.answer || h.note) item.append(el('blockquote', h.answer || h.note));
      history.append(item);
    }
    const next = $('a-status');
    next.replaceChildren(el('option', `${STATUSES[s.status]} (corriger la réponse)`, { value: s.status }));
    for (const n of NEXT[s.status]) next.append(el('option', STATUSES[n], { value: n }));
    $('a-answer').value = s.answer ? s.answer.text : '';
    $('a-hide').textContent = s.hidden ? 'Afficher à nouveau' : 'Masquer (contenu abusif)';
    $('a-erase').disabled = !s.hasContact;
  }

  const act = (form, work) =>
    $(form).addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const done = await work();
        await show(current.code);
        await load(false);
        // The public answer carries a phone number or an address: residents will read it as written.
        say(
          done?.warnings?.length
            ? 'Enregistré. Attention : la réponse publique contient un e-mail ou un numéro de téléphone, lisible tel quel.'
            : 'Enregistré.',
        );
      } catch (err) {
        say(err.message, true);
      }
    });

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    session = { territory: $('territory').value.trim(), key: $('key').value.trim() };
    $('key').value = '';
    try {
      const cats = await api('GET', `/v1/territories/${t()}/suggestion-categories`);
      $('f-category').replaceChildren(
        el('option', 'Tous', { value: '' }),
        ...cats.items.map((k) => el('option', k.label.fr, { value: k.id })),
      );
      await load(false);
      $('work').hidden = false;
    } catch (err) {
      say(err.message, true);
    }
  });
  $('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    load(false).catch((err) => say(err.message, true));
  });
  $('more').addEventListener('click', () => load(true).catch((err) => say(err.message, true)));
  act('f-change', () => {
    const answer = $('a-answer').value.trim();
    return api('PATCH', `/v1/suggestions/${c(current.code)}`, {
      status: $('a-status').value,
      ...(answer ? { answer } : {}),
    });
  });
  act('f-note', async () => {
    await api('POST', `/v1/suggestions/${c(current.code)}/notes`, { note: $('a-note').value });
    $('a-note').value = '';
  });
  act('f-merge', () => api('POST', `/v1/suggestions/${c(current.code)}/merge`, { into: $('a-into').value }));
  act('f-hide', () => api('POST', `/v1/suggestions/${c(current.code)}/visibility`, { hidden: !current.hidden }));
  act('f-erase', () => api('DELETE', `/v1/suggestions/${c(current.code)}/contact`));
})();
