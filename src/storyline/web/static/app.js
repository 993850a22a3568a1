// storyline web: citation popovers. Loaded from 'self' (the CSP forbids inline scripts);
// without it every [n] still shows the sentence on hover (title) and links to it.
"use strict";
(function () {
  var pop = null;
  function close() {
    if (!pop) return;
    pop.hidden = true;
    var open = document.querySelector("a.cite.open");
    if (open) open.classList.remove("open");
  }
  function show(link) {
    pop = pop || document.getElementById("cite-pop");
    if (!pop) return false;
    close();
    pop.querySelector(".pop-head").textContent = "[" + link.dataset.n + "] " + link.dataset.outlet;
    pop.querySelector("blockquote").textContent = link.dataset.text;  // textContent: never markup
    pop.querySelector(".pop-open").setAttribute("href", link.getAttribute("href"));
    var box = link.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(window.scrollX + 8, left) + "px";
    pop.style.top = (window.scrollY + box.bottom + 6) + "px";
    link.classList.add("open");
    return true;
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (link && link.dataset.text !== undefined) {
      if (link.classList.contains("open")) return;  // second click follows the link
      if (show(link)) ev.preventDefault();
      return;
    }
    if (pop && !pop.contains(ev.target)) close();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") close(); });
})();
