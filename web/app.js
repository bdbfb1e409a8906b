// dyad dashboard: reads the JSON API of `dyad serve` and draws with d3 (vendored, offline).
"use strict";

const errors = [];
function reportError(msg) {
  errors.push(String(msg));
  const el = document.getElementById("errors");
  el.hidden = false;
  el.textContent = errors.join("\n");
}
window.addEventListener("error", (e) => reportError(e.message));
const consoleError = console.error.bind(console);
console.error = (...args) => { reportError(args.join(" ")); consoleError(...args); };
window.addEventListener("unhandledrejection", (e) => reportError(e.reason));

const QUAD_COLORS = { 1: "#6aa84f", 2: "#38761d", 3: "#e69138", 4: "#cc0000" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };

async function api(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  const url = q.toString() ? `${path}?${q}` : path;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

// The sentence with source, target and trigger marked. Spans are code-point offsets.
function highlighted(sentence, spans) {
  const chars = Array.from(sentence);
  // Spans that coincide (a joint actor as both source and target) share one mark.
  const marks = [];
  for (const s of spans.filter((s) => s.span && s.span[1] > s.span[0])) {
    const same = marks.find((m) => m.span[0] === s.span[0] && m.span[1] === s.span[1]);
    if (same) {
      same.cls += " " + s.cls;
      same.title += " and " + s.title;
    } else {
      marks.push({ ...s });
    }
  }
  marks.sort((a, b) => a.span[0] - b.span[0]);
  const out = el("span", { class: "sentence" });
  let at = 0;
  for (const m of marks) {
    const [start, end] = m.span;
    if (start < at) continue; // overlapping spans: keep the first
    out.append(chars.slice(at, start).join(""));
    out.append(el("mark", { class: m.cls, title: m.title }, chars.slice(start, end).join("")));
    at = end;
  }
  out.append(chars.slice(at).join(""));
  return out;
}

function mentionSentence(m) {
  return highlighted(m.sentence_text, [
    { span: m.source_span, cls: "src", title: "source" },
    { span: m.target_span, cls: "tgt", title: "target" },
    { span: m.trigger_span, cls: "trg", title: "trigger" },
  ]);
}

function currentFilters() {
  const f = Object.fromEntries(new FormData(document.getElementById("filters")).entries());
  const out = { actor: f.actor, quad: f.quad, from: f.from, to: f.to, text: f.text };
  if (f.source || f.target) out.dyad = `${f.source || ""},${f.target || ""}`;
  if (out.dyad && (!f.source || !f.target)) {
    delete out.dyad;
    out.actor = f.source || f.target;
  }
  return out;
}

async function loadStats() {
  const s = await api("/api/stats");
  const range = s.first_date ? `${s.first_date} … ${s.last_date}` : "no dates";
  document.getElementById("stats").textContent =
    `${s.articles} articles · ${s.events} events · ${s.mentions} mentions · ${range}`;
}

async function drawTimeline(filters) {
  let { points } = await api("/api/timeseries", { ...filters, interval: "day" });
  if (points.length > 120) points = (await api("/api/timeseries", { ...filters, interval: "month" })).points;
  const box = document.getElementById("timeline");
  box.replaceChildren();
  if (!points.length) {
    box.append(el("p", { class: "note" }, "No events for these filters."));
    return;
  }
  const W = 1100, H = 260, M = { l: 40, r: 40, t: 10, b: 30 };
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${W} ${H}`);
  const x = d3.scaleBand().domain(points.map((p) => p.period)).range([M.l, W - M.r]).padding(0.15);
  const coop = (p) => p.quad[0] + p.quad[1];
  const conf = (p) => p.quad[2] + p.quad[3];
  const maxV = d3.max(points, (p) => Math.max(coop(p), conf(p))) || 1;
  const y = d3.scaleLinear().domain([-maxV, maxV]).nice().range([H - M.b, M.t]);
  const g = d3.scaleLinear().domain([-10, 10]).range([H - M.b, M.t]);
  const stack = [];
  for (const p of points) {
    let up = 0, down = 0;
    for (const q of [1, 2]) { stack.push({ p, q, y0: up, y1: up + p.quad[q - 1] }); up += p.quad[q - 1]; }
    for (const q of [3, 4]) { stack.push({ p, q, y0: -down, y1: -(down + p.quad[q - 1]) }); down += p.quad[q - 1]; }
  }
  svg.append("g").selectAll("rect").data(stack.filter((s) => s.y0 !== s.y1)).join("rect")
    .attr("x", (s) => x(s.p.period)).attr("width", x.bandwidth())
    .attr("y", (s) => y(Math.max(s.y0, s.y1))).attr("height", (s) => Math.abs(y(s.y0) - y(s.y1)))
    .attr("fill", (s) => QUAD_COLORS[s.q])
    .append("title").text((s) => `${s.p.period}: ${Math.abs(s.y1 - s.y0)} × ${QUAD_NAMES[s.q]}`);
  svg.append("path").datum(points)
    .attr("fill", "none").attr("stroke", "#1f2d3d").attr("stroke-width", 2)
    .attr("d", d3.line().x((p) => x(p.period) + x.bandwidth() / 2).y((p) => g(p.goldstein)));
  const ticks = x.domain().filter((_, i, a) => i % Math.ceil(a.length / 10) === 0);
  svg.append("g").attr("transform", `translate(0,${y(0)})`).call(d3.axisBottom(x).tickValues(ticks).tickSizeOuter(0));
  svg.append("g").attr("transform", `translate(${M.l},0)`).call(d3.axisLeft(y).ticks(5));
  svg.append("g").attr("transform", `translate(${W - M.r},0)`).call(d3.axisRight(g).ticks(5));
}

let world = null;
async function drawMap(filters) {
  if (!world) world = await (await fetch("/vendor/countries-110m.json")).json();
  const { places } = await api("/api/places", filters);
  const box = document.getElementById("map");
  box.replaceChildren();
  const W = 560, H = 300;
  const countries = topojson.feature(world, world.objects.countries).features;
  const byName = new Map(countries.map((c) => [c.properties.name.toLowerCase(), c]));
  const projection = d3.geoNaturalEarth1().fitSize([W, H], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${W} ${H}`);
  svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  svg.append("g").selectAll("path").data(countries).join("path").attr("class", "country").attr("d", path);
  const placed = [], unplaced = [];
  for (const p of places) {
    const f = p.names.map((n) => byName.get(n.toLowerCase())).find((x) => x);
    if (f) placed.push({ ...p, xy: path.centroid(f) });
    else unplaced.push(`${p.country} (${p.count})`);
  }
  const r = d3.scaleSqrt().domain([0, d3.max(placed, (p) => p.count) || 1]).range([0, 18]);
  svg.append("g").selectAll("circle").data(placed.filter((p) => isFinite(p.xy[0]))).join("circle")
    .attr("cx", (p) => p.xy[0]).attr("cy", (p) => p.xy[1]).attr("r", (p) => Math.max(2, r(p.count)))
    .attr("fill", "#c0392b").attr("fill-opacity", 0.6).attr("stroke", "#fff")
    .append("title").text((p) => `${p.names[0] || p.country}: ${p.count} events`);
  document.getElementById("map-unplaced").textContent =
    unplaced.length ? `Not on the map: ${unplaced.join(", ")}` : "";
}

async function drawNetwork(filters) {
  const { edges } = await api("/api/network", { ...filters, limit: 60 });
  const box = document.getElementById("network");
  box.replaceChildren();
  if (!edges.length) {
    box.append(el("p", { class: "note" }, "No events for these filters."));
    return;
  }
  const W = 560, H = 300;
  const ids = new Set();
  edges.forEach((e) => { ids.add(e.source); ids.add(e.target); });
  const nodes = Array.from(ids, (id) => ({ id }));
  const links = edges.map((e) => ({ ...e }));
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(70))
    .force("charge", d3.forceManyBody().strength(-160))
    .force("center", d3.forceCenter(W / 2, H / 2))
    .stop();
  for (let i = 0; i < 200; i++) sim.tick(); // laid out once: the picture does not move
  for (const n of nodes) {
    n.x = Math.max(20, Math.min(W - 20, n.x));
    n.y = Math.max(12, Math.min(H - 12, n.y));
  }
  const color = d3.scaleLinear().domain([-10, 0, 10]).range(["#cc0000", "#999999", "#38761d"]);
  const width = d3.scaleSqrt().domain([1, d3.max(links, (l) => l.events)]).range([1, 6]);
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${W} ${H}`);
  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -5 10 10").attr("refX", 16)
    .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
    .append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", "#666");
  svg.append("g").selectAll("line").data(links).join("line")
    .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y).attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y)
    .attr("stroke", (l) => color(l.goldstein)).attr("stroke-width", (l) => width(l.events)).attr("marker-end", "url(#arrow)")
    .append("title").text((l) => `${l.source.id} → ${l.target.id}: ${l.events} events, Goldstein ${l.goldstein.toFixed(1)}`);
  const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("transform", (n) => `translate(${n.x},${n.y})`)
    .style("cursor", "pointer").on("click", (_, n) => showDossier(n.id));
  node.append("circle").attr("r", 6).attr("fill", "#1f2d3d");
  node.append("text").attr("x", 8).attr("y", 4).attr("font-size", 11).text((n) => n.id);
}

async function drawEvents(filters) {
  const { total, events } = await api("/api/events", { ...filters, limit: 50, evidence: 1 });
  document.getElementById("event-count").textContent = `(${events.length} of ${total})`;
  const tbody = document.querySelector("#events tbody");
  tbody.replaceChildren();
  for (const e of events) {
    const ev = e.evidence;
    const tr = el("tr", { "data-event": e.event_id, onclick: () => showEvent(e.event_id) },
      el("td", {}, e.date || ""),
      el("td", { class: "code", title: e.source_name }, e.source),
      el("td", { class: "code", title: e.name }, `${e.code} ${e.name}`),
      el("td", { class: "code", title: e.target_name }, e.target),
      el("td", {}, `${e.num_mentions} (${e.num_sources} src)`),
      el("td", {}, ev ? mentionSentence(ev) : ""));
    tbody.append(tr);
  }
}

async function showEvent(id, scroll = true) {
  const { event, mentions } = await api(`/api/events/${id}`);
  const panel = document.getElementById("detail-panel");
  panel.hidden = false;
  document.getElementById("detail-title").textContent =
    `Event ${event.event_id}: ${event.source} ${event.code} ${event.target} — ${event.name}`;
  const box = document.getElementById("detail");
  box.replaceChildren(
    el("div", { class: "kv" },
      el("b", {}, "Date"), event.date || "",
      el("b", {}, "Source"), `${event.source} (${event.source_name})`,
      el("b", {}, "Target"), `${event.target} (${event.target_name})`,
      el("b", {}, "QuadClass / Goldstein"), `${event.quad_class} ${QUAD_NAMES[event.quad_class]} / ${event.goldstein}`,
      el("b", {}, "PLOVER"), event.plover_type || "",
      el("b", {}, "Mentions / sources / articles"), `${event.num_mentions} / ${event.num_sources} / ${event.num_articles}`,
      el("b", {}, "First / last seen"), `${event.first_seen} / ${event.last_seen}`,
      el("b", {}, "Place"), event.place || "unknown"),
    el("p", { class: "legend note" }, el("mark", { class: "src" }, "source"), el("mark", { class: "tgt" }, "target"),
      el("mark", { class: "trg" }, "trigger")));
  const list = el("ol", {});
  for (const m of mentions) {
    list.append(el("li", {}, mentionSentence(m), " ",
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); showArticle(m.doc_id); } }, m.doc_id),
      el("span", { class: "note" }, ` sentence ${m.sentence + 1}, ${m.outlet || ""}, confidence ${m.confidence.toFixed(2)}, rule ${m.rule}`)));
  }
  box.append(list, el("div", { id: "article" }));
  if (scroll) panel.scrollIntoView({ block: "nearest" });
}

async function showArticle(id) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const chars = Array.from(a.text);
  const spans = a.highlights.map((h) => ({ span: [h.start, h.end], cls: { source: "src", target: "tgt", trigger: "trg" }[h.role], title: `event ${h.event_id} ${h.role}` }));
  const box = document.getElementById("article");
  box.replaceChildren(el("h3", {}, a.title || a.id),
    el("p", { class: "note" }, `${a.date || ""} · ${a.outlet} · ${a.url || ""}`),
    el("div", { class: "article-text" }, highlighted(chars.join(""), spans)));
}

async function showDossier(actor) {
  const d = await api(`/api/dossier/${encodeURIComponent(actor)}`);
  const box = document.getElementById("dossier");
  document.querySelector("#dossier-form input").value = d.actor;
  const fmt = (v) => (v === null || v === undefined ? "–" : v.toFixed(2));
  box.replaceChildren(
    el("h3", {}, `${d.actor} ${d.names.length ? "— " + d.names.slice(0, 3).join(", ") : ""}`),
    el("div", { class: "kv" },
      el("b", {}, "Events as source / target"), `${d.events_as_source} / ${d.events_as_target}`,
      el("b", {}, "Mentions"), d.mentions,
      el("b", {}, "Mean Goldstein given / received"), `${fmt(d.goldstein_given)} / ${fmt(d.goldstein_received)}`,
      el("b", {}, "Partners"), d.partners.map((p) => `${p.key} (${p.count})`).join(", ") || "–"),
    el("div", { id: "dossier-roots", class: "chart" }));
  if (d.by_root.length) {
    const W = 560, H = 160, M = 30;
    const x = d3.scaleBand().domain(d.by_root.map((r) => r.key)).range([M, W - 10]).padding(0.2);
    const y = d3.scaleLinear().domain([0, d3.max(d.by_root, (r) => r.count)]).nice().range([H - M, 10]);
    const svg = d3.select("#dossier-roots").append("svg").attr("viewBox", `0 0 ${W} ${H}`);
    svg.append("g").selectAll("rect").data(d.by_root).join("rect")
      .attr("x", (r) => x(r.key)).attr("width", x.bandwidth()).attr("y", (r) => y(r.count))
      .attr("height", (r) => y(0) - y(r.count)).attr("fill", "#1f2d3d");
    svg.append("g").attr("transform", `translate(0,${H - M})`).call(d3.axisBottom(x));
    svg.append("g").attr("transform", `translate(${M},0)`).call(d3.axisLeft(y).ticks(4));
  }
}

async function refresh() {
  const f = currentFilters();
  await Promise.all([loadStats(), drawTimeline(f), drawMap(f), drawNetwork(f), drawEvents(f)]);
}

document.getElementById("filters").addEventListener("submit", (e) => {
  e.preventDefault();
  refresh().catch(reportError);
});
document.getElementById("dossier-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const a = new FormData(e.target).get("actor");
  if (a) showDossier(a).catch(reportError);
});

refresh()
  .then(async () => {
    const first = document.querySelector("#events tbody tr");
    if (first) await showEvent(first.dataset.event, false);
    const top = document.querySelector("#network text");
    if (top) await showDossier(top.textContent);
  })
  .catch(reportError)
  .finally(() => { document.body.dataset.ready = "1"; });
