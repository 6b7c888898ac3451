(function () {
  "use strict";
  var selects = document.querySelectorAll("select[data-filter]");
  var items = document.querySelectorAll("[data-finding]");
  var counter = document.getElementById("shown-count");
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-filter")] = s.value; });
    var shown = 0;
    items.forEach(function (el) {
      var ok = true;
      Object.keys(want).forEach(function (key) {
        var v = want[key];
        if (!v) { return; }
        var have = (el.getAttribute("data-" + key) || "").split(" ");
        if (have.indexOf(v) === -1) { ok = false; }
      });
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section[data-group]").forEach(function (sec) {
      var any = sec.querySelector("[data-finding]:not([hidden])");
      sec.classList.toggle("empty", !any);
    });
    if (counter) { counter.textContent = String(shown); }
    if (want.verdict === "agreement") {
      var d = document.getElementById("agreements-details");
      if (d) { d.open = true; }
    }
    if (want.verdict === "contradiction" && (want.status || want.kind || want.sources)) {
      var m = document.getElementById("more-contradictions");
      if (m) { m.open = true; }
    }
  }
  // filters can be set from the address: report.html?verdict=naming&status=open
  var params = new URLSearchParams(window.location.search);
  selects.forEach(function (s) {
    var v = params.get(s.getAttribute("data-filter"));
    if (v !== null && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) { s.value = v; }
    s.addEventListener("change", apply);
  });
  document.querySelectorAll("a[data-goto]").forEach(function (a) {
    a.addEventListener("click", function () {
      var target = document.getElementById(a.getAttribute("href").slice(1));
      if (!target) { return; }
      var art = target.closest("details");
      if (art) { art.open = true; }
      document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
      target.classList.add("current");
    });
  });
  apply();
  // how long the page took to become usable (read by benchmarks/bench_html.py)
  document.documentElement.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
