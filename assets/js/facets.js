// On a phone the filters fold behind one "Filters (n)" button, so the first results show on the
// first screen; inside, each filter group not in use starts closed. Without JavaScript, or on a
// wider screen, the filters stay open as the server sent them.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 47.99rem)").matches) return;
  var panel = document.querySelector("details.filters-panel");
  if (panel) panel.open = false;
  Array.prototype.forEach.call(document.querySelectorAll(".filters details.facet"), function (facet) {
    if (!facet.hasAttribute("data-in-use")) facet.open = false;
  });
})();
