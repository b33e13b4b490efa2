/**
 * The fleet console: one HTML page, one script, one style sheet, served by `kiosk fleet serve`
 * at `/`. No framework. Every device-sent string reaches the page through textContent (never as
 * HTML), and the Content-Security-Policy allows only this script: a payload in a device's
 * status or a rating comment is shown as text and cannot run.
 */
export const CONSOLE_HTML = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Đội kiosk — bảng điều khiển</title>
<link rel="stylesheet" href="/console.css">
<script src="/console.js" defer></script>
</head>
<body>
<header><h1>Đội kiosk</h1><span id="summary"></span><span id="live" class="muted"></span></header>
<form id="login" hidden>
  <h2>Đăng nhập quản lý đội kiosk</h2>
  <label>Tài khoản <input name="user" autocomplete="username" required></label>
  <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
  <button>Đăng nhập</button>
  <p id="login-error" class="error" role="alert"></p>
</form>
<main id="app" hidden>
  <section id="rollouts-panel"><h2>Triển khai danh mục</h2><div id="rollouts"><p class="muted">Không có đợt triển khai nào.</p></div></section>
  <div id="columns">
    <nav><h2>Tỉnh / xã</h2><ul id="groups"></ul></nav>
    <section>
      <div id="filters">
        <input id="search" type="search" placeholder="Tìm mã kiosk, tên, nhóm…" aria-label="Tìm">
        <select id="state" aria-label="Trạng thái"><option value="">Mọi trạng thái</option><option value="online" data-label="Đang hoạt động">Đang hoạt động</option><option value="offline" data-label="Mất kết nối">Mất kết nối</option></select>
        <select id="problem" aria-label="Sự cố"><option value="">Mọi sự cố</option><option value="any" data-label="Có sự cố">Có sự cố</option><option value="paper" data-label="Hết giấy">Hết giấy</option><option value="printer" data-label="Máy in lỗi">Máy in lỗi</option><option value="disk" data-label="Đầy đĩa">Đầy đĩa</option><option value="clock" data-label="Lệch giờ">Lệch giờ</option></select>
        <button id="clear-group" type="button" hidden></button>
        <span id="count" class="muted"></span>
        <span id="pager"><button id="prev" type="button" aria-label="Trang trước">‹ Trước</button> <span id="page-range" class="muted"></span> <button id="next" type="button" aria-label="Trang sau">Sau ›</button></span>
      </div>
      <div class="table-wrap"><table id="devices"><thead><tr><th>Kiosk</th><th>Tên</th><th>Trạng thái</th><th>Nhóm</th><th>Ứng dụng</th><th>Danh mục</th><th>Sự cố</th><th>Lần cuối</th></tr></thead><tbody></tbody></table></div>
    </section>
    <aside id="detail" hidden><h2 id="detail-title"></h2><button id="detail-close" type="button">Đóng</button><h3>Ảnh màn hình</h3><div id="detail-shot"></div><h3>Trạng thái</h3><pre id="detail-status"></pre><h3>Sức khỏe</h3><pre id="detail-health"></pre><h3>Đánh giá, sự kiện gần đây</h3><ul id="detail-records"></ul></aside>
  </div>
  <section><h2>Đánh giá theo xã và quầy</h2><div id="ratings"></div></section>
</main>
</body>
</html>
`;

export const CONSOLE_CSS = `
[hidden] { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.4 system-ui, sans-serif; margin: 0; color: #111; background: #f6f7f9; }
header { display: flex; gap: 1.5em; align-items: baseline; padding: .6em 1em; background: #0b3d91; color: #fff; }
header h1 { font-size: 1.3em; margin: 0; }
h2 { font-size: 1.05em; margin: .6em 0 .4em; }
main, form { padding: 0 1em 1em; }
form#login { max-width: 22em; display: grid; gap: .6em; margin: 2em auto; background: #fff; padding: 1.2em; border-radius: 6px; }
form label { display: grid; gap: .2em; }
.muted { color: #666; } header .muted { color: #cfd8ff; }
.error { color: #b00020; min-height: 1.2em; }
#columns { display: grid; grid-template-columns: 13em minmax(0, 1fr); gap: 1em; }
.table-wrap { overflow-x: auto; }
nav ul { list-style: none; padding: 0; margin: 0; max-height: 70vh; overflow: auto; }
nav li button { all: unset; box-sizing: border-box; cursor: pointer; display: flex; justify-content: space-between; width: 100%; padding: .15em .3em; }
nav li button:hover, nav li button.active { background: #dde6ff; }
#filters { display: flex; gap: .5em; flex-wrap: wrap; align-items: center; margin: .4em 0; }
input, select, button { font: inherit; padding: .25em .5em; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: .25em .5em; border-bottom: 1px solid #e3e5e8; white-space: nowrap; }
/* device-sent text (name, groups, versions) is cut with an ellipsis, whole in its tooltip and the detail */
td.text { max-width: 11em; overflow: hidden; text-overflow: ellipsis; }
#search { width: 17em; }
#pager button:disabled { opacity: .4; }
tbody tr { cursor: pointer; } tbody tr:hover { background: #eef3ff; }
.online { color: #0a7d2c; font-weight: 600; } .offline { color: #b00020; font-weight: 600; }
.problem { background: #fff1c2; border-radius: 3px; padding: 0 .3em; margin-right: .2em; }
/* the detail opens over the list's right side: the table keeps its width, no column is pushed out */
aside { position: fixed; top: 0; right: 0; bottom: 0; width: min(34em, 100vw); overflow: auto; background: #fff; padding: .5em 1em; border-left: 3px solid #0b3d91; box-shadow: -4px 0 12px rgba(0,0,0,.15); z-index: 2; }
aside img { max-width: 100%; border: 1px solid #ccc; display: block; }
aside pre { white-space: pre-wrap; word-break: break-word; max-height: 16em; overflow: auto; background: #f3f3f3; padding: .4em; }
.rollout { background: #fff; padding: .5em .8em; margin-bottom: .5em; border-radius: 6px; }
.bar { height: .9em; background: #e3e5e8; border-radius: 3px; overflow: hidden; display: flex; margin: .3em 0; }
.bar .applied { background: #0a7d2c; } .bar .failed { background: #b00020; } .bar .pending { background: #f2b600; }
.chart-row { display: grid; grid-template-columns: 16em 1fr 6em; gap: .5em; align-items: center; margin: .15em 0; }
.chart-row .fill { background: #0b3d91; height: .9em; border-radius: 3px; }
`;

export const CONSOLE_JS = `'use strict';
const $ = (id) => document.getElementById(id);
const PAGE = 100;
/** The list as the registry answered it: one page of the matching devices and how many match. */
const state = { group: '', offset: 0, total: 0, seq: 0, counts: null, events: null };
const ROLLOUT_STATE = { running: 'đang chạy', paused: 'tạm dừng', aborted: 'đã dừng hẳn', completed: 'hoàn tất' };
const PROBLEM = { paper: 'Hết giấy', printer: 'Máy in lỗi', disk: 'Đầy đĩa', clock: 'Lệch giờ' };
const num = (n) => Number(n).toLocaleString('vi-VN');

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
async function api(path, options) {
  const res = await fetch(path, { credentials: 'same-origin', ...options });
  if (res.status === 401) { showLogin(); throw new Error('login'); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.status);
  return body;
}
function showLogin() { $('login').hidden = false; $('app').hidden = true; }
function when(iso) {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Date(t).toLocaleString('vi-VN', { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit', day: '2-digit', month: '2-digit' })
    : '-';
}
/** A cell of device-sent text: cut to the column with an ellipsis, whole in the tooltip. */
function text(value, title) { const td = el('td', value, 'text'); td.title = String(title ?? value); return td; }
/** Groups without the ones another group is inside of: ha-noi.xa-001 says ha-noi too. */
function narrowest(groups) { return groups.filter((g) => !groups.some((o) => o.startsWith(g + '.'))); }
function nameOf(d) { return typeof d.status.name === 'string' ? d.status.name : ''; }

/** The filters as the registry's query string: it filters, searches and pages (10,000 kiosks never reach the page). */
function query(withPage) {
  const p = new URLSearchParams();
  const q = $('search').value.trim();
  if (q) p.set('q', q);
  if ($('state').value) p.set('state', $('state').value);
  if ($('problem').value) p.set('problem', $('problem').value);
  if (state.group) p.set('group', state.group);
  if (withPage) { p.set('limit', String(PAGE)); p.set('offset', String(state.offset)); }
  return p.toString();
}
function row(d) {
  const tr = document.createElement('tr');
  tr.dataset.device = d.device;
  tr.append(el('td', d.device), text(nameOf(d)), el('td', d.state === 'online' ? 'Hoạt động' : 'Mất kết nối', d.state === 'online' ? 'online' : 'offline'),
    text(narrowest(d.groups).join(', '), d.groups.join(', ')), text(d.appVersion || '-'), text(d.catalogVersion || '-'));
  const p = el('td');
  for (const x of d.problems) p.append(el('span', PROBLEM[x] || x, 'problem'));
  tr.append(p, el('td', when(new Date(d.receivedAt).toISOString())));
  tr.addEventListener('click', () => detail(d.device));
  return tr;
}
/** Shows one page of the registry's answer. */
function render(page) {
  state.total = page.total;
  if (state.offset > 0 && state.offset >= page.total) { state.offset = Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE); refresh(); return; }
  const body = document.createElement('tbody');
  for (const d of page.devices) body.append(row(d));
  $('devices').replaceChild(body, $('devices').tBodies[0]);
  $('count').textContent = \`\${num(page.total)} kiosk\`;
  const from = page.total === 0 ? 0 : state.offset + 1;
  $('page-range').textContent = \`\${num(from)}–\${num(state.offset + page.devices.length)}\`;
  $('pager').hidden = page.total <= PAGE;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + PAGE >= page.total;
  const cg = $('clear-group');
  cg.hidden = !state.group;
  cg.textContent = state.group ? \`Nhóm: \${state.group} ✕\` : '';
  document.body.dataset.view = String(state.seq);
}
/** Asks the registry for the page the filters name; an answer overtaken by a newer question is dropped. */
async function refresh() {
  const seq = ++state.seq;
  const page = await api(\`/api/devices?\${query(true)}\`);
  if (seq !== state.seq) return;
  render(page);
  follow();
}
/** Live updates of the page shown (the registry sends it again when it changed). */
function follow() {
  const url = \`/api/events?\${query(true)}\`;
  if (state.events && state.events.url.endsWith(url)) return;
  if (state.events) state.events.close();
  const es = new EventSource(url);
  state.events = es;
  es.addEventListener('open', () => { $('live').textContent = '● trực tiếp'; });
  es.addEventListener('error', () => { $('live').textContent = '○ mất kết nối trực tiếp'; });
  es.addEventListener('page', (e) => { if (state.events === es) render(JSON.parse(e.data)); });
  es.addEventListener('summary', (e) => renderSummary(JSON.parse(e.data)));
  es.addEventListener('counts', (e) => renderCounts(JSON.parse(e.data)));
  es.addEventListener('rollouts', (e) => renderRollouts(JSON.parse(e.data).rollouts));
}
function setFilter() { state.offset = 0; refresh().catch(() => undefined); }
function renderCounts(c) {
  state.counts = c;
  const ul = document.createElement('ul');
  ul.id = 'groups';
  for (const [g, n] of Object.entries(c.provinces).sort((a, b) => a[0].localeCompare(b[0]))) {
    const li = el('li');
    const b = el('button');
    b.type = 'button';
    b.append(el('span', g), el('span', num(n), 'muted'));
    if (g === state.group) b.className = 'active';
    b.addEventListener('click', () => { state.group = state.group === g ? '' : g; renderCounts(state.counts); setFilter(); });
    li.append(b);
    ul.append(li);
  }
  $('groups').replaceWith(ul);
  for (const o of $('state').options) if (o.dataset.label) o.textContent = \`\${o.dataset.label} (\${num(o.value === 'online' ? c.states.online || 0 : Object.entries(c.states).filter(([k]) => k !== 'online').reduce((a, [, n]) => a + n, 0))})\`;
  for (const o of $('problem').options) if (o.dataset.label) o.textContent = \`\${o.dataset.label} (\${num(c.problems[o.value] || 0)})\`;
}
function renderSummary(s) {
  const on = s.devices.online || 0;
  const all = Object.values(s.devices).reduce((a, b) => a + b, 0);
  $('summary').textContent = \`\${num(on)} / \${num(all)} kiosk hoạt động · \${num(Object.values(s.records).reduce((a, b) => a + b, 0))} bản ghi\`;
}
function renderRollouts(list) {
  const box = el('div');
  box.id = 'rollouts';
  if (list.length === 0) box.append(el('p', 'Không có đợt triển khai nào.', 'muted'));
  for (const r of list) {
    const div = el('div', undefined, 'rollout');
    div.dataset.rollout = r.id;
    div.append(el('strong', \`\${r.version} → \${r.channel}\`), el('span', \` · đợt \${r.wave}/\${r.waves} (\${r.percent}%) · \${ROLLOUT_STATE[r.state] || r.state}\`, 'muted'));
    const bar = el('div', undefined, 'bar');
    const total = Math.max(1, r.inWave);
    for (const k of ['applied', 'failed', 'pending']) {
      const part = el('div', undefined, k);
      part.style.width = \`\${(100 * r[k]) / total}%\`;
      bar.append(part);
    }
    const fails = Object.entries(r.failures).map(([c, n]) => \`\${c} ×\${n}\`).join(', ');
    div.append(bar, el('div', \`Đã cập nhật \${r.applied}/\${r.inWave} · lỗi \${r.failed}\${fails ? ' (' + fails + ')' : ''} · chờ \${r.pending} · mất kết nối \${r.offline} · trong phạm vi \${r.target}\`));
    if (r.reason) div.append(el('div', r.reason, 'error'));
    if (r.state === 'running' || r.state === 'paused') {
      const act = (verb, label) => {
        const b = el('button', label);
        b.type = 'button';
        b.dataset.action = verb;
        b.addEventListener('click', async () => {
          if (verb === 'abort' && !confirm(\`Dừng hẳn đợt triển khai \${r.id}?\`)) return;
          await api(\`/api/rollouts/\${encodeURIComponent(r.id)}/\${verb}\`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          refreshRollouts();
        });
        return b;
      };
      div.append(r.state === 'running' ? act('pause', 'Tạm dừng') : act('resume', 'Tiếp tục'), act('abort', 'Dừng hẳn'));
    }
    box.append(div);
  }
  $('rollouts').replaceWith(box);
}
function renderRatings(rows) {
  const box = el('div');
  box.id = 'ratings';
  if (rows.length === 0) box.append(el('p', 'Chưa có đánh giá.', 'muted'));
  for (const r of rows) {
    const line = el('div', undefined, 'chart-row');
    line.append(el('span', \`\${r.group} · quầy \${r.counter ?? '-'}\`));
    const fill = el('div', undefined, 'fill');
    fill.style.width = \`\${(100 * r.mean) / 5}%\`;
    const wrap = el('div');
    wrap.append(fill);
    line.append(wrap, el('span', \`\${r.mean} (\${r.count})\`));
    box.append(line);
  }
  $('ratings').replaceWith(box);
}
async function detail(id) {
  const d = await api(\`/api/devices/\${encodeURIComponent(id)}\`);
  const recs = await api(\`/api/devices/\${encodeURIComponent(id)}/records?limit=20\`);
  $('detail').hidden = false;
  $('detail-title').textContent = nameOf(d) ? \`\${d.device} — \${nameOf(d)}\` : d.device;
  $('detail-status').textContent = JSON.stringify(d.status, null, 2);
  $('detail-health').textContent = d.health ? JSON.stringify(d.health, null, 2) : '-';
  const shot = el('div');
  shot.id = 'detail-shot';
  if (d.screenshot) {
    const img = el('img');
    img.alt = \`Màn hình của \${d.device}\`;
    img.src = \`/api/devices/\${encodeURIComponent(d.device)}/screenshot?at=\${d.screenshot.takenAt}\`;
    shot.append(img, el('p', \`Chụp lúc \${when(new Date(d.screenshot.takenAt).toISOString())} · \${num(Math.ceil(d.screenshot.bytes / 1024))} KB · \${d.screenshot.storedBy}\`, 'muted'));
  } else shot.append(el('p', \`Chưa có ảnh: kiosk fleet cmd screenshot --device \${d.device} --registry …\`, 'muted'));
  $('detail-shot').replaceWith(shot);
  const ul = el('ul');
  ul.id = 'detail-records';
  for (const r of recs.records) {
    const text = r.type === 'rating' ? \`\${r.data.score ?? '?'}/\${r.data.levels ?? 5}\${r.data.comment ? ' — ' + r.data.comment : ''}\` : JSON.stringify(r.data);
    ul.append(el('li', \`\${when(r.ts)} \${r.type}: \${text}\`));
  }
  $('detail-records').replaceWith(ul);
}
async function refreshRollouts() { renderRollouts((await api('/api/rollouts')).rollouts); }
async function load() {
  const seq = ++state.seq;
  const [page, counts, summary, ratings, rollouts] = await Promise.all([api(\`/api/devices?\${query(true)}\`), api('/api/counts'), api('/api/summary'), api('/api/ratings'), api('/api/rollouts')]);
  $('login').hidden = true;
  $('app').hidden = false;
  renderSummary(summary);
  renderCounts(counts);
  if (seq === state.seq) render(page);
  renderRatings(ratings.ratings);
  renderRollouts(rollouts.rollouts);
  document.body.dataset.ready = '1';
  follow();
}
document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData($('login'));
    const res = await fetch('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: f.get('user'), password: f.get('password') }) });
    if (!res.ok) {
      $('login-error').textContent = res.status === 401 ? 'Sai tài khoản hoặc mật khẩu.' : res.status === 429 ? 'Sai quá nhiều lần; thử lại sau một phút.' : 'Đăng nhập không được.';
      return;
    }
    load().catch(() => undefined);
  });
  for (const id of ['search', 'state', 'problem']) $(id).addEventListener('input', setFilter);
  $('clear-group').addEventListener('click', () => { state.group = ''; renderCounts(state.counts); setFilter(); });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); refresh().catch(() => undefined); });
  $('next').addEventListener('click', () => { state.offset += PAGE; refresh().catch(() => undefined); });
  $('detail-close').addEventListener('click', () => { $('detail').hidden = true; });
  load().catch(() => undefined);
});
`;
