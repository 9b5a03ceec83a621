/* Hamkar web UI: the collaboration graph and the figure timeline, drawn as SVG (no libraries).
 * Layouts are deterministic: the same data always gives the same picture. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1f5fbf", "#d0493a", "#2f9a57", "#9b51c9", "#d08a00", "#0f8b8d", "#7a5c3e", "#c2185b"];
  var DAY = 86400000;
  var MAX_SERIES = 6;

  function svgEl(name, attrs, parent) {
    var node = document.createElementNS(SVG_NS, name);
    Object.keys(attrs || {}).forEach(function (key) {
      if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, String(attrs[key]));
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function svgText(parent, text, attrs) {
    var node = svgEl("text", attrs, parent);
    node.textContent = text;
    return node;
  }

  function title(parent, text) {
    var node = svgEl("title", {}, parent);
    node.textContent = text;
    return node;
  }

  function message(container, text) {
    container.textContent = "";
    var p = document.createElement("p");
    p.className = "muted";
    p.textContent = text;
    container.appendChild(p);
  }

  function truncate(text, n) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  function numberFormat(compact) {
    var options = compact ? { notation: "compact", maximumFractionDigits: 1 } : { maximumFractionDigits: 2 };
    try {
      return new Intl.NumberFormat(document.documentElement.lang || "en", options);
    } catch (e) {
      return new Intl.NumberFormat("en", options);
    }
  }

  /* ---------------------------------------------------------------- collaboration graph */

  function ringLayout(nodes, edges, focus, width, height) {
    // The focus in the middle, partners on one or two rings, strongest ties first (clockwise from the top).
    var weight = {};
    edges.forEach(function (e) {
      var other = e.source === focus ? e.target : e.target === focus ? e.source : null;
      if (other !== null) weight[other] = (weight[other] || 0) + e.weight;
    });
    var others = nodes.filter(function (n) { return n.id !== focus; });
    others.sort(function (a, b) { return (weight[b.id] || 0) - (weight[a.id] || 0) || a.id - b.id; });
    var pos = {};
    pos[focus] = { x: width / 2, y: height / 2 };
    var rings = others.length > 16 ? 2 : 1;
    var radius = Math.min(width, height) / 2 - 70;
    others.forEach(function (n, i) {
      var ring = rings === 2 ? i % 2 : 0;
      var r = rings === 2 ? radius * (ring ? 0.62 : 1) : radius;
      var angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, others.length);
      pos[n.id] = { x: width / 2 + r * Math.cos(angle) * 1.25, y: height / 2 + r * Math.sin(angle) };
    });
    return pos;
  }

  function components(nodes, edges) {
    var adjacent = {};
    nodes.forEach(function (n) { adjacent[n.id] = []; });
    edges.forEach(function (e) {
      if (adjacent[e.source] && adjacent[e.target]) { adjacent[e.source].push(e.target); adjacent[e.target].push(e.source); }
    });
    var seen = {}, out = [];
    nodes.map(function (n) { return n.id; }).sort(function (a, b) { return a - b; }).forEach(function (id) {
      if (seen[id]) return;
      var members = [], queue = [id];
      seen[id] = true;
      while (queue.length) {
        var current = queue.shift();
        members.push(current);
        adjacent[current].slice().sort(function (a, b) { return a - b; }).forEach(function (next) {
          if (!seen[next]) { seen[next] = true; queue.push(next); }
        });
      }
      out.push(members);
    });
    out.sort(function (a, b) { return b.length - a.length || a[0] - b[0]; });
    return out;
  }

  function springLayout(ids, edges) {
    // Fruchterman-Reingold in a unit box from a circle ordered by id, fixed iteration count: deterministic.
    var n = ids.length, pos = {}, inside = {};
    ids.forEach(function (id, i) {
      var angle = (2 * Math.PI * i) / n;
      pos[id] = { x: Math.cos(angle), y: Math.sin(angle) };
      inside[id] = true;
    });
    var mine = edges.filter(function (e) { return inside[e.source] && inside[e.target]; });
    var k = 1.6 / Math.sqrt(n), temperature = 0.2, iterations = n > 300 ? 60 : 250;
    for (var it = 0; it < iterations; it++) {
      var disp = {};
      ids.forEach(function (id) { disp[id] = { x: 0, y: 0 }; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var a = pos[ids[i]], b = pos[ids[j]];
          var dx = a.x - b.x, dy = a.y - b.y;
          var dist = Math.sqrt(dx * dx + dy * dy) || 0.001;
          var force = (k * k) / dist;
          disp[ids[i]].x += (dx / dist) * force; disp[ids[i]].y += (dy / dist) * force;
          disp[ids[j]].x -= (dx / dist) * force; disp[ids[j]].y -= (dy / dist) * force;
        }
      }
      mine.forEach(function (e) {
        var a = pos[e.source], b = pos[e.target];
        var dx = a.x - b.x, dy = a.y - b.y;
        var dist = Math.sqrt(dx * dx + dy * dy) || 0.001;
        var force = (dist * dist) / k;
        disp[e.source].x -= (dx / dist) * force; disp[e.source].y -= (dy / dist) * force;
        disp[e.target].x += (dx / dist) * force; disp[e.target].y += (dy / dist) * force;
      });
      ids.forEach(function (id) {
        var p = pos[id], d = disp[id];
        d.x -= p.x * 0.3; d.y -= p.y * 0.3;  // mild gravity
        var len = Math.sqrt(d.x * d.x + d.y * d.y) || 0.001;
        var step = Math.min(len, temperature);
        p.x += (d.x / len) * step; p.y += (d.y / len) * step;
      });
      temperature = Math.max(0.005, temperature * 0.98);
    }
    return pos;
  }

  function spread(pos, ids) {
    // Blend each coordinate with its rank so that dense cores open up (order is kept, overlaps shrink).
    var out = {};
    ids.forEach(function (id) { out[id] = { x: 0, y: 0 }; });
    ["x", "y"].forEach(function (axis) {
      var min = Infinity, max = -Infinity;
      ids.forEach(function (id) { min = Math.min(min, pos[id][axis]); max = Math.max(max, pos[id][axis]); });
      var order = ids.slice().sort(function (a, b) { return pos[a][axis] - pos[b][axis] || a - b; });
      order.forEach(function (id, rank) {
        var scaled = max > min ? ((pos[id][axis] - min) / (max - min)) * 2 - 1 : 0;
        var ranked = ids.length > 1 ? (rank / (ids.length - 1)) * 2 - 1 : 0;
        out[id][axis] = 0.35 * scaled + 0.65 * ranked;
      });
    });
    return out;
  }

  function packedLayout(nodes, edges, width) {
    // Each connected component laid out on its own (a circle when small, springs when larger), then the
    // components packed in rows, largest first.
    var groups = components(nodes, edges);
    var placed = {}, x = 0, y = 0, rowHeight = 0, labelPad = 190, gapY = 40;
    groups.forEach(function (ids) {
      var n = ids.length;
      var radius = n === 1 ? 0 : n === 2 ? 45 : n <= 6 ? 80 : 52 * Math.sqrt(n);
      var local = {};
      if (n <= 6) {
        ids.forEach(function (id, i) {
          var angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
          local[id] = { x: n === 1 ? 0 : Math.cos(angle), y: n === 1 ? 0 : Math.sin(angle) };
        });
      } else {
        local = spread(springLayout(ids, edges), ids);
      }
      var rx = Math.min(radius * 1.3, (width - labelPad) / 2), ry = radius * (n > 6 ? 1.1 : 1);
      var cellWidth = 2 * rx + labelPad, cellHeight = 2 * ry + gapY + 20;
      if (x > 0 && x + cellWidth > width) { x = 0; y += rowHeight; rowHeight = 0; }
      ids.forEach(function (id) {
        placed[id] = { x: x + cellWidth / 2 + local[id].x * rx, y: y + cellHeight / 2 + local[id].y * ry };
      });
      x += cellWidth;
      rowHeight = Math.max(rowHeight, cellHeight);
    });
    return { pos: placed, width: width, height: y + rowHeight + 30 };
  }

  function drawGraph(container, data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    var focus = container.dataset.focus ? Number(container.dataset.focus) : null;
    if (!nodes.length || (!edges.length && nodes.length < 2)) {
      message(container, container.dataset.empty || "—");
      container.dataset.nodes = "0";
      return;
    }
    var large = container.classList.contains("graph-large");
    var width = large ? 1240 : 820, height = large ? 720 : 480;
    var pos;
    if (focus !== null && nodes.some(function (n) { return n.id === focus; })) {
      pos = ringLayout(nodes, edges, focus, width, height);
    } else {
      var packed = packedLayout(nodes, edges, width);
      pos = packed.pos;
      height = Math.max(300, Math.ceil(packed.height));
    }
    container.textContent = "";
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": container.getAttribute("aria-label") || "graph",
                             "data-nodes": nodes.length, "data-edges": edges.length }, container);
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    var edgeLayer = svgEl("g", { "class": "g-edges" }, svg);
    var nodeLayer = svgEl("g", { "class": "g-nodes" }, svg);
    var neighbours = {};
    var edgeEls = [];
    edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      if (!a || !b) return;
      (neighbours[e.source] = neighbours[e.source] || []).push(e.target);
      (neighbours[e.target] = neighbours[e.target] || []).push(e.source);
      var line = svgEl("line", {
        x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
        "class": "g-edge" + (focus !== null && (e.source === focus || e.target === focus) ? " focus" : ""),
        "stroke-width": Math.min(9, 1.2 + 1.6 * Math.log2(1 + e.weight)).toFixed(2),
        "data-source": e.source, "data-target": e.target
      }, edgeLayer);
      title(line, (byId[e.source] || {}).name + " — " + (byId[e.target] || {}).name + ": " + e.weight);
      edgeEls.push(line);
    });
    var ordered = nodes.slice().sort(function (a, b) { return (a.id === focus) - (b.id === focus) || a.id - b.id; });
    ordered.forEach(function (n) {
      var p = pos[n.id];
      if (!p) return;
      var link = svgEl("a", { href: "/ui/organizations/" + n.id, "class": "g-node lang-" + n.lang + (n.id === focus ? " focus" : ""),
                              "data-id": n.id }, nodeLayer);
      var r = (n.id === focus ? 4 : 0) + 5 + 2.4 * Math.sqrt(n.events || 1);
      svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: r.toFixed(1) }, link);
      var anchor = "middle", dx = 0, dy = r + 14;
      if (focus !== null && n.id !== focus) {
        var cos = (p.x - width / 2) / (Math.hypot(p.x - width / 2, p.y - height / 2) || 1);
        if (cos > 0.35) { anchor = "start"; dx = r + 5; dy = 4; }
        else if (cos < -0.35) { anchor = "end"; dx = -(r + 5); dy = 4; }
        else if (p.y < height / 2) { dy = -(r + 7); }
      }
      var label = svgText(link, truncate(n.name, focus === null ? 24 : 40), {
        x: (p.x + dx).toFixed(1), y: (p.y + dy).toFixed(1), "text-anchor": anchor, lang: n.lang,
        direction: n.lang === "fa" ? "rtl" : "ltr"
      });
      if (n.lang === "fa") {
        // with direction=rtl, "start"/"end" mirror: keep the label on the outer side of the node
        label.setAttribute("text-anchor", anchor === "start" ? "end" : anchor === "end" ? "start" : "middle");
      }
      title(link, n.name + " · " + n.events);
      link.addEventListener("mouseenter", function () {
        svg.classList.add("hovering");
        var near = {}; near[n.id] = true;
        (neighbours[n.id] || []).forEach(function (id) { near[id] = true; });
        nodeLayer.querySelectorAll(".g-node").forEach(function (el) {
          el.classList.toggle("near", !!near[el.getAttribute("data-id")]);
        });
        edgeEls.forEach(function (el) {
          var s = Number(el.getAttribute("data-source")), t = Number(el.getAttribute("data-target"));
          el.classList.toggle("near", s === n.id || t === n.id);
        });
      });
      link.addEventListener("mouseleave", function () { svg.classList.remove("hovering"); });
    });
    var legend = svgEl("g", { "class": "g-legend", transform: "translate(16," + (height - 20) + ")" }, svg);
    [["tr", "TR"], ["fa", "FA"]].forEach(function (item, i) {
      var g = svgEl("g", { "class": "g-node lang-" + item[0], transform: "translate(" + i * 56 + ",0)" }, legend);
      svgEl("circle", { cx: 6, cy: -4, r: 6 }, g);
      svgText(g, item[1], { x: 16, y: 0 });
    });
    container.dataset.nodes = String(nodes.length);
  }

  function loadGraph(container) {
    fetch(container.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) { drawGraph(container, data); })
      .catch(function () { message(container, container.dataset.error || "error"); container.dataset.nodes = "error"; });
  }

  /* ---------------------------------------------------------------- figure timeline */

  function niceMax(value) {
    if (value <= 0) return 1;
    var exp = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * exp >= value) return steps[i] * exp;
    return 10 * exp;
  }

  function drawTimeline(container, points) {
    var full = numberFormat(false), compact = numberFormat(true);
    var fmt = { format: function (v) { return Math.abs(v) >= 100000 ? compact.format(v) : full.format(v); } };
    var series = [];
    var byUnit = {};
    points.forEach(function (p) {
      if (!byUnit[p.unit]) { byUnit[p.unit] = []; series.push(p.unit); }
      byUnit[p.unit].push(p);
    });
    series.sort(function (a, b) { return byUnit[b].length - byUnit[a].length || (a < b ? -1 : a > b ? 1 : 0); });
    var hidden = series.slice(MAX_SERIES);
    series = series.slice(0, MAX_SERIES);
    points = points.filter(function (p) { return series.indexOf(p.unit) >= 0; });
    var times = points.map(function (p) { return Date.parse(p.start); });
    var tMin = Math.min.apply(null, times), tMax = Math.max.apply(null, times);
    if (tMax - tMin < 200 * DAY) { tMin -= 120 * DAY; tMax += 120 * DAY; }
    var span = tMax - tMin;
    tMin -= span * 0.04; tMax += span * 0.04;
    var width = 900, left = 78, right = 24, top = 14, panel = 64, gap = 30, axis = 30;
    var height = top + series.length * (panel + gap) - gap + axis + 8;
    var x = function (t) { return left + ((t - tMin) / (tMax - tMin)) * (width - left - right); };
    container.textContent = "";
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": container.getAttribute("aria-label") || "timeline",
                             "data-series": series.length, "data-points": points.length }, container);
    if (hidden.length) {
      var more = document.createElement("p");
      more.className = "muted small";
      more.textContent = "+ " + hidden.join(" · ");
      container.appendChild(more);
    }
    // year ticks shared by every panel
    var firstYear = new Date(tMin).getUTCFullYear(), lastYear = new Date(tMax).getUTCFullYear();
    var ticks = [];
    for (var year = firstYear; year <= lastYear + 1; year++) {
      [0, 6].forEach(function (month) {
        var t = Date.UTC(year, month, 1);
        if (t >= tMin && t <= tMax && (month === 0 || lastYear - firstYear < 3)) ticks.push({ t: t, major: month === 0, year: year, month: month });
      });
    }
    var axisGroup = svgEl("g", { "class": "tl-axis" }, svg);
    var bottom = height - axis;
    ticks.forEach(function (tick) {
      svgEl("line", { x1: x(tick.t), x2: x(tick.t), y1: top, y2: bottom, "stroke-dasharray": tick.major ? null : "3 3" }, axisGroup);
      svgText(axisGroup, tick.major ? String(tick.year) : tick.year + "-07", { x: x(tick.t), y: bottom + 18, "text-anchor": "middle" });
    });
    series.forEach(function (unit, index) {
      var color = PALETTE[index % PALETTE.length];
      var data = byUnit[unit].slice().sort(function (a, b) { return Date.parse(a.start) - Date.parse(b.start) || a.value - b.value; });
      var y0 = top + index * (panel + gap);
      var max = niceMax(Math.max.apply(null, data.map(function (p) { return p.value; })));
      var y = function (v) { return y0 + panel - (v / max) * panel; };
      var group = svgEl("g", { "class": "tl-series", "data-unit": unit }, svg);
      var grid = svgEl("g", { "class": "tl-grid" }, group);
      [0, max / 2, max].forEach(function (v) {
        svgEl("line", { x1: left, x2: width - right, y1: y(v).toFixed(1), y2: y(v).toFixed(1) }, grid);
        svgText(grid, fmt.format(v), { x: left - 8, y: (y(v) + 4).toFixed(1), "text-anchor": "end" });
      });
      var label = svgText(group, unit || "—", { x: left + 6, y: (y0 + 2).toFixed(1), "class": "tl-series-label", fill: color, "dominant-baseline": "hanging" });
      label.setAttribute("unicode-bidi", "plaintext");
      if (data.length > 1) {
        var d = data.map(function (p, i) { return (i ? "L" : "M") + x(Date.parse(p.start)).toFixed(1) + " " + y(p.value).toFixed(1); }).join(" ");
        svgEl("path", { d: d, "class": "tl-line", stroke: color }, group);
      }
      data.forEach(function (p) {
        var link = svgEl("a", { href: p.href, "class": "tl-point" + (p.conflict ? " conflict" : ""), "data-figure": p.id }, group);
        var cx = x(Date.parse(p.start)), cy = y(p.value);
        svgEl("circle", { cx: cx.toFixed(1), cy: cy.toFixed(1), r: 5, fill: color }, link);
        if (data.length <= 14) svgText(link, fmt.format(p.value), { x: cx.toFixed(1), y: (cy - 9).toFixed(1), "text-anchor": "middle", "class": "tl-value" });
        title(link, full.format(p.value) + " " + unit + " · " + p.start + (p.end && p.end !== p.start ? " – " + p.end : "") +
              (p.qualifier && p.qualifier !== "exact" ? " · " + p.qualifier : ""));
      });
    });
  }

  /* ---------------------------------------------------------------- wiring */

  document.addEventListener("DOMContentLoaded", function () {
    var graph = document.getElementById("graph");
    if (graph && graph.dataset.src) loadGraph(graph);
    var timeline = document.getElementById("timeline");
    var timelineData = document.getElementById("timeline-data");
    if (timeline && timelineData) {
      try { drawTimeline(timeline, JSON.parse(timelineData.textContent)); }
      catch (e) { message(timeline, String(e)); }
    }
    var toggle = document.getElementById("toggle-marks");
    var text = document.getElementById("doc-text");
    if (toggle && text) toggle.addEventListener("change", function () { text.classList.toggle("plain", !toggle.checked); });
  });
})();
