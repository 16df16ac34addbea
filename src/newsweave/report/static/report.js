// Optional niceties; the report works without JavaScript. Never builds HTML from data.
(function () {
  "use strict";
  function openAround(target) {
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
  }
  function flash(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    openAround(target);
    document.querySelectorAll(".flash").forEach(function (el) { el.classList.remove("flash"); });
    target.classList.add("flash");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) { flash(decodeURIComponent(link.getAttribute("href").slice(1))); }
  });
  window.addEventListener("hashchange", function () { flash(decodeURIComponent(location.hash.slice(1))); });
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
  document.querySelectorAll("form.controls").forEach(function (form) {
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", function (event) {
      if (event.target.name === "show") {
        document.body.classList.toggle("no-" + event.target.value, !event.target.checked);
      }
    });
    form.addEventListener("input", function (event) {
      if (event.target.name !== "filter") { return; }
      var needle = event.target.value.trim().toLowerCase();
      document.querySelectorAll("article.article").forEach(function (article) {
        var header = article.querySelector("header");
        var haystack = header ? header.textContent.toLowerCase() : "";
        article.classList.toggle("filtered-out", needle !== "" && haystack.indexOf(needle) < 0);
      });
    });
  });
  if (location.hash) { flash(decodeURIComponent(location.hash.slice(1))); }
})();
