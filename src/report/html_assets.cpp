// The HTML report's inline stylesheet and script. The script reads the JSON data element
// and builds the page with createElement and textContent only (never innerHTML), so that
// task names, hosts and output are always shown as text.
#include "report/html_report.hpp"

namespace scsctl::report {

const char* const k_html_style = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
h1 { font-size: 1.4em; margin: 0 0 .3em; }
h2 { font-size: 1.15em; margin: 1.4em 0 .5em; border-bottom: 1px solid #ddd; }
.verdict { font-weight: bold; padding: .3em .6em; display: inline-block; border-radius: 4px; }
.verdict.good { background: #e3f4e3; color: #1d6b1d; }
.verdict.bad { background: #fbe3e3; color: #a31515; }
dl.summary { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.summary dt { font-weight: bold; }
dl.summary dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
table.recap { border-collapse: collapse; margin-top: .8em; }
table.recap th, table.recap td { border: 1px solid #ddd; padding: .2em .6em; text-align: right; }
table.recap th:first-child, table.recap td:first-child { text-align: left; }
table.recap tr.bad td:first-child { color: #a31515; font-weight: bold; }
article.failure { border-left: 4px solid #d33; background: #fdf3f3; padding: .4em .8em; margin: .6em 0; }
article.failure.outcome-unreachable { border-color: #8a3ab9; background: #f6effa; }
article.failure.outcome-ignored, article.failure.outcome-rescued { border-color: #e69500; background: #fff8ec; }
article.failure h3 { font-size: 1em; margin: 0; }
article.failure .where { color: #666; font-size: .9em; margin: 0; }
pre { white-space: pre-wrap; word-break: break-all; margin: .3em 0; font-size: 12px; }
pre.output { background: #fff; border: 1px solid #eee; padding: .4em; max-height: 20em; overflow: auto; }
.axis, .host-row { display: grid; grid-template-columns: 14em 1fr; align-items: center; }
.axis .ticks { position: relative; height: 1.4em; border-bottom: 1px solid #999; }
.axis .tick { position: absolute; bottom: 0; font-size: 11px; color: #666; border-left: 1px solid #999;
  padding-left: 2px; }
.host-row { border-bottom: 1px solid #f0f0f0; }
.host-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; padding-right: .5em;
  font-family: ui-monospace, monospace; }
.host-row.failed .host-name { color: #a31515; font-weight: bold; }
.track { position: relative; height: 1.6em; }
.bar { position: absolute; top: .2em; height: 1.2em; min-width: 2px; box-sizing: border-box; overflow: hidden;
  white-space: nowrap; font-size: 11px; line-height: 1.2em; color: #fff; padding: 0 2px; border-radius: 2px;
  border-right: 1px solid #fff; }
.outcome-ok { background: #3a9a3a; }
.outcome-changed { background: #d9a400; }
.outcome-skipped { background: #8fb5c9; }
.outcome-failed { background: #d33; }
.outcome-unreachable { background: #8a3ab9; }
.outcome-ignored { background: #e69500; }
.outcome-rescued { background: #c77d00; }
.legend span { display: inline-block; margin-right: 1em; font-size: 12px; }
.legend i { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin-right: .3em; }
)css";

const char* const k_html_script = R"js(
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("scsctl-data").textContent);
  const root = document.getElementById("report");
  const outcomes = ["ok", "changed", "skipped", "failed", "unreachable", "ignored", "rescued"];
  const counters = ["ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"];
  const meanings = { 0: "success", 1: "task failures", 2: "usage or configuration error",
    3: "hosts unreachable", 4: "inventory lock held", 130: "interrupted", 143: "terminated" };

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function seconds(ms) { return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + " s"; }

  function summary() {
    const header = el("header");
    header.appendChild(el("h1", null, "scsctl report: " + data.title));
    const meaning = meanings[data.exit_code] || "error";
    header.appendChild(el("p", "verdict " + (data.exit_code === 0 ? "good" : "bad"),
      "exit " + data.exit_code + ": " + meaning));
    const list = el("dl", "summary");
    const rows = [["Command", data.command], ["Started", data.started], ["Duration", seconds(data.duration_ms)],
      ["Results", data.results + " task\u00d7host results on " + data.hosts.length + " hosts"]];
    for (const [term, value] of rows) {
      list.appendChild(el("dt", null, term));
      list.appendChild(el("dd", null, value));
    }
    header.appendChild(list);
    const table = el("table", "recap");
    const head = el("tr");
    head.appendChild(el("th", null, "host"));
    counters.forEach(name => head.appendChild(el("th", null, name)));
    table.appendChild(head);
    for (const host of data.recap) {
      const row = el("tr", host.failed > 0 || host.unreachable > 0 ? "bad" : "good");
      row.appendChild(el("td", "host", host.host));
      counters.forEach(name => row.appendChild(el("td", "count-" + name, String(host[name]))));
      table.appendChild(row);
    }
    header.appendChild(table);
    return header;
  }

  function failures() {
    const section = el("section");
    section.id = "failures";
    const counted = data.failures.filter(f => f.outcome === "failed" || f.outcome === "unreachable").length;
    const forgiven = data.failures.length - counted;
    section.appendChild(el("h2", null, "Failures (" + counted + ")" +
      (forgiven > 0 ? " and " + forgiven + " ignored or rescued" : "")));
    if (data.failures.length === 0) {
      section.appendChild(el("p", "none", "No failures."));
    }
    for (const failure of data.failures) {
      const article = el("article", "failure outcome-" + failure.outcome);
      const title = el("h3");
      title.appendChild(el("span", "host", failure.host));
      title.appendChild(document.createTextNode(" \u2014 "));
      title.appendChild(el("span", "task", failure.task));
      if (failure.outcome === "ignored" || failure.outcome === "rescued") {
        title.appendChild(el("span", "note", " (" + failure.outcome + ")"));
      }
      article.appendChild(title);
      article.appendChild(el("p", "where", "play: " + failure.play));
      article.appendChild(el("pre", "message", failure.message));
      if (failure.output) {
        article.appendChild(el("pre", "output", failure.output));
      }
      section.appendChild(article);
    }
    return section;
  }

  function timeline() {
    const section = el("section");
    section.id = "timeline";
    section.appendChild(el("h2", null, "Timeline"));
    let total = Math.max(data.duration_ms, 1);
    data.hosts.forEach(host => host.bars.forEach(bar => { total = Math.max(total, bar.end_ms); }));
    const percent = ms => (100 * ms / total).toFixed(3) + "%";
    const legend = el("p", "legend");
    for (const name of outcomes) {
      const item = el("span");
      item.appendChild(el("i", "outcome-" + name));
      item.appendChild(document.createTextNode(name));
      legend.appendChild(item);
    }
    section.appendChild(legend);
    const axis = el("div", "axis");
    axis.appendChild(el("div", null, ""));
    const ticks = el("div", "ticks");
    for (let i = 0; i < 5; ++i) {
      const tick = el("span", "tick", seconds(total * i / 5));
      tick.style.left = percent(total * i / 5);
      ticks.appendChild(tick);
    }
    axis.appendChild(ticks);
    section.appendChild(axis);
    for (const host of data.hosts) {
      const row = el("div", "host-row" + (host.failed ? " failed" : ""));
      row.dataset.host = host.name;
      row.appendChild(el("div", "host-name", host.name));
      const track = el("div", "track");
      for (const bar of host.bars) {
        const node = el("div", "bar outcome-" + bar.outcome, bar.task);
        node.style.left = percent(bar.start_ms);
        node.style.width = percent(Math.max(bar.end_ms - bar.start_ms, 0));
        node.title = (bar.handler ? "handler: " : "") + bar.task + " \u2014 " + bar.outcome + " \u2014 " +
          seconds(bar.end_ms - bar.start_ms) + " (play: " + bar.play + ")";
        node.dataset.task = bar.task;
        node.dataset.outcome = bar.outcome;
        track.appendChild(node);
      }
      row.appendChild(track);
      section.appendChild(row);
    }
    return section;
  }

  document.title = "scsctl report: " + data.title;
  root.appendChild(summary());
  root.appendChild(failures());
  root.appendChild(timeline());
  root.dataset.rendered = "true";
})();
)js";

} // namespace scsctl::report
