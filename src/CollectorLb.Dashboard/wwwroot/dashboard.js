// CollectorLb dashboard: live overview over server-sent events, files and quarantine re-read on each update.
// Everything from the cluster is put in the page as text (file names may hold anything).
"use strict";

const $ = (id) => document.getElementById(id);
let session = { operator: false };
let lastHosts = "";
// The quarantine is read a page at a time: the cursors of the pages walked to, the one shown last.
let quarantinePages = [null];
let quarantineNext = null;
let reasonTimer = null;

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props || {};
  Object.assign(node, rest);
  Object.assign(node.dataset, dataset || {});
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const number = (n, digits = 0) => (n ?? 0).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const megabytes = (bytes) => number(bytes / 1048576, 2);
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString("en-GB", { hour12: false }) : "");
const badge = (text) => el("span", { className: `badge ${text}` }, text);

function size(bytes) {
  if (bytes >= 1048576) return `${number(bytes / 1048576, 1)} MB`;
  if (bytes >= 1024) return `${number(bytes / 1024, 1)} KB`;
  return `${bytes} B`;
}

function since(start, iso) {
  if (!iso || !start) return "";
  const seconds = (new Date(iso) - new Date(start)) / 1000;
  return `+${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`;
}

function fillRows(tableId, rows) {
  $(tableId).querySelector("tbody").replaceChildren(...rows);
}

function renderOverview(o) {
  $("cluster-error").hidden = true;
  const quarantined = o.files.quarantined;
  $("card-silos").textContent = number(o.hosts.length) + (o.unreachable.length ? ` (+${o.unreachable.length} silent)` : "");
  $("card-files-rate").textContent = number(o.filesPerSecond, 2);
  $("card-bytes-rate").textContent = megabytes(o.bytesPerSecond);
  $("card-in-flight").textContent = number(o.uploadsInFlight);
  $("card-backlog").textContent = number(o.backlog);
  $("card-quarantined").textContent = number(quarantined);
  $("card-duplicates").textContent = number(o.totals.duplicates);
  $("card-delivered").textContent = number(o.totals.filesDelivered);
  $("card-failures").textContent = number(o.totals.uploadFailures);

  fillRows("hosts", [
    ...o.hosts.map((h) => el("tr", {},
      el("td", {}, h.hostId), el("td", {}, h.siloName), el("td", {}, h.nfcapd ? badge(h.nfcapd) : ""),
      el("td", { className: "num" }, number(h.files.detected)), el("td", { className: "num" }, number(h.files.dispatching)),
      el("td", { className: "num" }, number(h.totals.filesDelivered)), el("td", { className: "num" }, number(h.totals.uploadFailures)),
      el("td", { className: "num" }, number(h.backlog)), el("td", {}, time(h.startedAt)))),
    ...o.unreachable.map((u) => el("tr", {}, el("td", {}, u.siloName), el("td", { colSpan: 8, className: "error" }, `not answering: ${u.error}`))),
  ]);

  const pool = o.connectors;
  $("registry").textContent = pool
    ? `registry ${pool.registry}, policy ${pool.policy}, ` + (pool.registryAnsweredAt ? `answered ${time(pool.registryAnsweredAt)}` : "not answered yet") + (pool.registryError ? ` (${pool.registryError})` : "")
    : "(the connector pool did not answer)";
  const now = new Date(o.capturedAt);
  fillRows("connectors", (pool ? pool.connectors : []).map((c) => {
    const ejected = c.ejectedUntil && new Date(c.ejectedUntil) > now;
    return el("tr", {},
      el("td", {}, c.name), el("td", {}, c.baseUrl),
      el("td", {}, ejected ? badge("ejected") : badge("healthy"), ejected ? ` until ${time(c.ejectedUntil)}` : ""),
      el("td", { className: "num" }, number(c.inFlight)), el("td", { className: "num" }, number(c.secondsPerMegabyte, 3)),
      el("td", { className: "num" }, number(c.successes)), el("td", { className: "num" }, number(c.failures)),
      el("td", { className: "error" }, c.lastError ?? ""));
  }));

  const hosts = o.hosts.map((h) => h.hostId).join("\n");
  if (hosts !== lastHosts) {
    lastHosts = hosts;
    for (const select of [$("filter-host"), $("quarantine-host")]) {
      const chosen = select.value;
      select.replaceChildren(el("option", { value: "" }, "all"), ...o.hosts.map((h) => el("option", { value: h.hostId }, h.hostId)));
      select.value = chosen;
    }
  }

  drawChart($("chart-throughput"), o.chart, [
    { key: "filesDelivered", color: "#2563eb" },
    { key: "uploadFailures", color: "#dc2626" },
  ]);
  drawChart($("chart-latency"), o.chart, [
    { key: "deliveryLatencyP50", color: "#059669" },
    { key: "deliveryLatencyP95", color: "#d97706" },
    { key: "uploadDurationP95", color: "#7c3aed" },
  ]);
}

// A small line chart in SVG: one polyline per series over the hour, gaps where a minute had no sample.
function drawChart(svg, points, series) {
  const width = 600, height = 160, pad = 4;
  const values = points.flatMap((p) => series.map((s) => p[s.key] ?? 0));
  const max = Math.max(1e-9, ...values);
  const x = (i) => pad + (i * (width - 2 * pad)) / Math.max(1, points.length - 1);
  const y = (v) => height - pad - (v / max) * (height - 2 * pad - 14);
  const ns = "http://www.w3.org/2000/svg";
  const nodes = [];
  for (const s of series) {
    let segment = [];
    const flush = () => {
      if (segment.length === 1) {
        // A lone minute with samples: a dot, since a one-point line draws nothing.
        const [cx, cy] = segment[0].split(",");
        const dot = document.createElementNS(ns, "circle");
        dot.setAttribute("cx", cx);
        dot.setAttribute("cy", cy);
        dot.setAttribute("r", "3");
        dot.setAttribute("fill", s.color);
        nodes.push(dot);
      } else if (segment.length) {
        const line = document.createElementNS(ns, "polyline");
        line.setAttribute("points", segment.join(" "));
        line.setAttribute("fill", "none");
        line.setAttribute("stroke", s.color);
        line.setAttribute("stroke-width", "2");
        line.setAttribute("vector-effect", "non-scaling-stroke");
        nodes.push(line);
      }
      segment = [];
    };
    points.forEach((p, i) => (p[s.key] === null || p[s.key] === undefined ? flush() : segment.push(`${x(i)},${y(p[s.key])}`)));
    flush();
  }
  const label = document.createElementNS(ns, "text");
  label.setAttribute("x", "8");
  label.setAttribute("y", "14");
  label.setAttribute("font-size", "11");
  label.setAttribute("fill", "#6b7480");
  label.textContent = `max ${number(max, max < 10 ? 2 : 0)}`;
  nodes.push(label);
  svg.replaceChildren(...nodes);
}

// In the order things happened: a requeued file was quarantined before its later attempts.
function timeline(f) {
  const t = f.timeline;
  const steps = [
    ["first attempt", t.firstAttemptAt],
    ["last attempt", t.lastAttemptAt !== t.firstAttemptAt ? t.lastAttemptAt : null],
    ["sent", t.sentAt],
    ["deleted", t.deletedAt],
    ["quarantined", t.quarantinedAt],
  ].filter(([, at]) => at).sort((a, b) => new Date(a[1]) - new Date(b[1]));
  return el("span", { className: "timeline" }, el("b", {}, `detected ${time(t.detectedAt)}`),
    ...steps.map(([label, at]) => ` · ${label} ${since(t.detectedAt, at)}`));
}

async function refreshFiles() {
  const query = new URLSearchParams();
  if ($("filter-state").value) query.set("state", $("filter-state").value);
  if ($("filter-host").value) query.set("host", $("filter-host").value);
  const response = await fetch(`/api/files?${query}`);
  if (!response.ok) return;
  const listing = await response.json();
  $("files-count").textContent = `${listing.items.length} shown`;
  fillRows("files", listing.items.map((f) => el("tr", { dataset: { key: f.key } },
    el("td", { className: "file", title: f.key }, f.fileName), el("td", {}, f.hostId), el("td", {}, badge(f.status)),
    el("td", { className: "num" }, size(f.sizeBytes)), el("td", { className: "num" }, f.attempts), el("td", {}, f.connector ?? ""),
    el("td", {}, timeline(f)), el("td", { className: "error" }, f.lastError ?? ""))));
}

function quarantineFilter() {
  return { host: $("quarantine-host").value, reason: $("quarantine-reason").value.trim() };
}

async function refreshQuarantine() {
  const filter = quarantineFilter();
  const query = new URLSearchParams();
  if (filter.host) query.set("host", filter.host);
  if (filter.reason) query.set("reason", filter.reason);
  const after = quarantinePages[quarantinePages.length - 1];
  if (after) query.set("after", after);
  const response = await fetch(`/api/quarantine?${query}`);
  if (!response.ok) return;
  const page = await response.json();
  quarantineNext = page.next;
  $("quarantine-total").textContent = `${number(page.total)} in all`;
  $("quarantine-count").textContent = `page ${quarantinePages.length}: ${page.items.length} shown` + (page.next ? ", more on the next pages" : "");
  $("quarantine-next").disabled = !page.next;
  $("quarantine-first").disabled = quarantinePages.length === 1;
  fillRows("quarantine", page.items.map((q) => el("tr", { dataset: { key: q.key } },
    el("td", { className: "file", title: q.key }, q.fileName), el("td", {}, q.hostId), el("td", {}, q.reason),
    el("td", { className: "num" }, q.attempts), el("td", {}, time(q.quarantinedAt)),
    el("td", {}, el("button", { className: "requeue", type: "button", onclick: () => requeue(q.key, q.fileName) }, "Requeue")))));
}

function showQuarantineFrom(pages) {
  quarantinePages = pages;
  refreshQuarantine();
}

function refusedForToken(status, body) {
  status.className = "status refused";
  status.textContent = body.error ?? "Refused: the operator token is required.";
  status.append(" ", el("a", { href: `/login?returnUrl=${encodeURIComponent("/#quarantine-section")}` }, "Sign in"));
}

// A bulk requeue runs in rounds of a bounded batch per host (each request takes seconds, whatever the quarantine
// holds); the page sends each round's continuation back until there is none, counting as it goes.
async function requeueAll() {
  const status = $("requeue-status");
  const button = $("requeue-all");
  const filter = quarantineFilter();
  const tally = { requeued: 0, fileMissing: 0, notQuarantined: 0, failed: 0, examples: [] };
  const silent = [];
  let continuation = null;
  button.disabled = true;
  status.className = "status";
  status.textContent = "Requeueing every file shown…";
  try {
    do {
      const response = await fetch("/api/requeue-all", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ host: filter.host, reason: filter.reason, continuation }),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 401) {
        refusedForToken(status, body);
        return;
      }
      if (!response.ok) {
        status.className = "status refused";
        status.textContent = (tally.requeued ? `${number(tally.requeued)} went back, then: ` : "") + (body.error ?? `HTTP ${response.status}`);
        return;
      }
      for (const key of ["requeued", "fileMissing", "notQuarantined", "failed"]) tally[key] += body.tally[key];
      tally.examples.push(...body.tally.examples);
      silent.push(...body.unreachable);
      continuation = body.continuation;
      status.textContent = `Requeueing… ${number(tally.requeued)} back so far`;
    } while (continuation);
    const refused = tally.fileMissing + tally.notQuarantined + tally.failed;
    status.className = refused || silent.length ? "status refused" : "status done";
    status.textContent = `${number(tally.requeued)} ${tally.requeued === 1 ? "file" : "files"} went back to the spool; ${number(refused)} refused`
      + (refused ? ` (${tally.fileMissing} with bytes missing, ${tally.notQuarantined} not quarantined, ${tally.failed} failed)` : "") + ".";
    for (const refusal of tally.examples.slice(0, 5)) status.append(el("br"), refusal.message);
    for (const host of silent) status.append(el("br"), `host ${host.siloName} did not answer (${host.error}): its files were not requeued`);
  } finally {
    button.disabled = false;
    quarantinePages = [null];
    await Promise.all([refreshQuarantine(), refreshFiles()]);
  }
}

async function requeue(key, name) {
  const status = $("requeue-status");
  status.className = "status";
  status.textContent = `Requeueing ${name}…`;
  const response = await fetch("/api/requeue", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ file: key }),
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    refusedForToken(status, body);
    return;
  }
  status.className = response.ok ? "status done" : "status refused";
  status.textContent = body.message ?? body.error ?? `HTTP ${response.status}`;
  await Promise.all([refreshQuarantine(), refreshFiles()]);
}

async function loadSession() {
  const response = await fetch("/api/session");
  session = response.ok ? await response.json() : { operator: false };
  const area = $("session");
  if (session.operator) {
    const form = el("form", { method: "post", action: "/logout" }, "operator ✓ ", el("button", { type: "submit" }, "Sign out"));
    area.replaceChildren(form);
  } else {
    area.replaceChildren(el("a", { href: "/login?returnUrl=%2F" }, "Operator sign-in"));
  }
}

function connect() {
  const events = new EventSource("/api/events");
  events.addEventListener("overview", (e) => {
    $("live").textContent = "live";
    $("live").className = "live on";
    renderOverview(JSON.parse(e.data));
    refreshFiles();
    refreshQuarantine();
  });
  events.addEventListener("error", (e) => {
    $("live").textContent = "reconnecting…";
    $("live").className = "live";
    if (e.data) {
      const error = $("cluster-error");
      error.hidden = false;
      error.textContent = JSON.parse(e.data).error;
    }
  });
}

$("filter-state").addEventListener("change", refreshFiles);
$("filter-host").addEventListener("change", refreshFiles);
$("quarantine-host").addEventListener("change", () => showQuarantineFrom([null]));
$("quarantine-reason").addEventListener("input", () => {
  clearTimeout(reasonTimer);
  reasonTimer = setTimeout(() => showQuarantineFrom([null]), 300);
});
$("quarantine-next").addEventListener("click", () => quarantineNext && showQuarantineFrom([...quarantinePages, quarantineNext]));
$("quarantine-first").addEventListener("click", () => showQuarantineFrom([null]));
$("requeue-all").addEventListener("click", requeueAll);
loadSession();
connect();
