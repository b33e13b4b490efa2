/** Holding a panel button this long sends a long-press (as the GPIO panel's long-press does). */
export const LONG_PRESS_MS = 800;

/**
 * The live preview page: the screen, the button panel, touch, scan box, receipts, speech,
 * telemetry. The panel has every number button 1-9 (screens offer "9 Thủ tục khác" even where a
 * kiosk's own panel is smaller: it uses touch there) and the configured others; holding a button
 * sends a long-press (the maintenance entry is UP then DOWN held).
 */
export function previewPage(options: { panel: readonly string[]; title: string }): string {
  const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const labels: Record<string, string> = {
    ok: 'OK',
    back: '◀ Quay lại',
    up: '▲',
    down: '▼',
    help: '? Trợ giúp',
  };
  const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const ids = [...digits, ...options.panel.filter((id) => !digits.includes(id))];
  const buttons = ids
    .map(
      (id) =>
        `<button class="hw" data-id="${escape(id)}" id="btn-${escape(id)}">${escape(labels[id] ?? id)}</button>`,
    )
    .join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>smart-kiosk simulator – ${escape(options.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f3f4f6;color:#111}
header{background:#0b3d91;color:#fff;padding:8px 16px}
main{display:grid;grid-template-columns:minmax(320px,auto) 1fr;gap:16px;padding:16px}
#screen{border:12px solid #222;border-radius:10px;max-width:100%;cursor:crosshair;display:block;background:#000}
.panel{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.hw{font-size:20px;min-width:64px;padding:10px 14px;border-radius:8px;border:2px solid #333;background:#fff;cursor:pointer}
.hw:active,.hw.held{background:#ffd500}
section{background:#fff;border-radius:8px;padding:12px;margin-bottom:12px}
h2{font-size:16px;margin:0 0 8px}
#receipts img{width:190px;border:1px solid #ccc;margin:4px;background:#fff}
#documents img{width:150px;border:1px solid #ccc;margin:4px;background:#fff}
#speech li,#events li{font-size:14px;margin:2px 0}
#scan{width:70%;font-size:16px;padding:6px}
.status{font-size:13px;color:#333}
</style></head><body>
<header><strong>smart-kiosk</strong> simulator – ${escape(options.title)} <span class="status" id="status" style="color:#fff"></span></header>
<main>
<div>
<img id="screen" alt="kiosk screen" src="/api/screen.png">
<div class="panel" id="panel">${buttons}</div>
<p class="status">Giữ nút ${LONG_PRESS_MS / 1000} giây để nhấn giữ (long-press).</p>
<section style="margin-top:12px"><h2>Máy quét (scanner)</h2>
<form id="scanform"><input id="scan" placeholder="Dán nội dung mã QR / mã vạch"> <button class="hw" type="submit">Quét</button></form></section>
<section><h2>Máy in (printer faults)</h2>
<label><input type="checkbox" data-fault="paperOut"> Hết giấy</label>
<label><input type="checkbox" data-fault="coverOpen"> Mở nắp</label>
<label><input type="checkbox" data-fault="unplugged"> Rút cáp</label></section>
</div>
<div>
<section><h2>Giọng nói (speech)</h2><label><input type="checkbox" id="autoplay"> Tự động phát (auto-play)</label><ol id="speech"></ol></section>
<section><h2>Phiếu đã in (receipts)</h2><div id="receipts"></div></section>
<section><h2>Tờ khai A4 (documents)</h2><div id="documents"></div></section>
<section><h2>Telemetry / outbox</h2><ul id="events"></ul></section>
</div>
</main>
<script>
const $ = (id) => document.getElementById(id);
const post = (path, body) => fetch(path, {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify(body)}).then(r => r.json());
let seq = 0;
function refreshScreen(){ $('screen').src = '/api/screen.png?seq=' + (++seq); }
function showState(s){ $('status').textContent = ' · màn hình: ' + s.screen + (s.lastTicket ? ' · số cuối: ' + s.lastTicket.number : ''); }
document.querySelectorAll('.hw[data-id]').forEach(b => {
  // A click is a press; holding the button ${LONG_PRESS_MS} ms is a long-press (and no press after it).
  let timer = null, held = false;
  b.addEventListener('pointerdown', () => { held = false; timer = setTimeout(() => { held = true; b.classList.add('held'); post('/api/button', {id: b.dataset.id, action: 'long-press'}).then(showState); }, ${LONG_PRESS_MS}); });
  const release = () => { clearTimeout(timer); timer = null; b.classList.remove('held'); };
  b.addEventListener('pointerup', release);
  b.addEventListener('pointerleave', release);
  b.addEventListener('click', () => { if (held) { held = false; return; } post('/api/button', {id: b.dataset.id}).then(showState); });
});
$('screen').addEventListener('click', (e) => {
  const img = e.currentTarget, r = img.getBoundingClientRect(), border = 12;
  const x = (e.clientX - r.left - border) * img.naturalWidth / (r.width - 2*border);
  const y = (e.clientY - r.top - border) * img.naturalHeight / (r.height - 2*border);
  post('/api/touch', {x: Math.round(x), y: Math.round(y)}).then(showState);
});
$('scanform').addEventListener('submit', (e) => { e.preventDefault(); post('/api/scan', {data: $('scan').value}).then(showState); $('scan').value=''; });
document.querySelectorAll('[data-fault]').forEach(c => c.addEventListener('change', () => post('/api/printer', {[c.dataset.fault]: c.checked})));
document.addEventListener('keydown', (e) => {
  if (e.target.tagName === 'INPUT') return;
  const map = {ArrowUp:'up', ArrowDown:'down', Enter:'ok', Backspace:'back', Escape:'back'};
  const id = map[e.key] || (/^[1-9]$/.test(e.key) ? e.key : null);
  if (id) { e.preventDefault(); post('/api/button', {id}).then(showState); }
});
function loadReceipts(){ fetch('/api/receipts').then(r => r.json()).then(list => {
  $('receipts').innerHTML = list.slice(-6).reverse().map(r => '<a href="'+r.png+'" target="_blank"><img alt="receipt '+r.id+'" src="'+r.png+'"></a>').join('');
});}
function loadDocuments(){ fetch('/api/documents').then(r => r.ok ? r.json() : []).then(list => {
  $('documents').innerHTML = list.slice(-4).reverse().map(d => '<div><a href="'+d.pdf+'" target="_blank">'+d.name.replace(/[&<>]/g, '')+' (PDF, '+d.pages+' trang)</a><br>'+d.png.map(p => '<a href="'+p+'" target="_blank"><img alt="page" src="'+p+'"></a>').join('')+'</div>').join('');
}).catch(() => undefined);}
function addLine(list, text){ const li = document.createElement('li'); li.textContent = text; $(list).prepend(li); while ($(list).children.length > 30) $(list).lastChild.remove(); }
function addSpeech(u){ addLine('speech', u.text); $('speech').firstChild.id = 'utt-' + u.id; }
function addPlay(id){ const li = $('utt-' + id); if (!li) return void fetch('/api/speech').then(r => r.json()).then(l => { const u = l.find(x => x.id === id); if (u && !$('utt-' + id)) { addSpeech(u); addPlay(id); } }); const b = document.createElement('button'); b.textContent = '▶'; b.title = 'play'; b.className = 'play'; b.onclick = () => new Audio('/api/speech/' + id + '.wav').play(); li.prepend(b, ' '); if ($('autoplay').checked) b.click(); }
fetch('/api/speech').then(r => r.json()).then(l => l.forEach(addSpeech));
fetch('/api/events').then(r => r.json()).then(e => e.outbox.forEach(m => addLine('events', m.topic + ' ' + JSON.stringify(m.payload))));
loadReceipts();
loadDocuments();
const es = new EventSource('/api/stream');
es.addEventListener('hello', (e) => showState(JSON.parse(e.data)));
es.addEventListener('ui.frame', refreshScreen);
es.addEventListener('voice.spoken', (e) => addSpeech(JSON.parse(e.data)));
es.addEventListener('voice.audio', (e) => addPlay(JSON.parse(e.data).id));
es.addEventListener('printer.printed', loadReceipts);
es.addEventListener('outbox.queued', (e) => { if (JSON.parse(e.data).topic.endsWith('form-printed')) loadDocuments(); });
es.addEventListener('printer.failed', (e) => addLine('events', 'printer failed: ' + JSON.parse(e.data).message));
es.addEventListener('outbox.queued', (e) => { const m = JSON.parse(e.data); addLine('events', m.topic + ' ' + JSON.stringify(m.payload)); });
es.addEventListener('ui.screen', () => fetch('/api/state').then(r => r.json()).then(showState));
</script></body></html>`;
}
