// On a phone the filters come before the results. There, each filter group not in use starts
// closed, so the first results are a few lines down instead of a screen of region and district
// names away; without JavaScript, or on a wider screen, the groups stay as the server sent them.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(max-width: 47.99rem)").matches) return;
  Array.prototype.forEach.call(document.querySelectorAll(".filters details.facet"), function (facet) {
    if (!facet.hasAttribute("data-in-use")) facet.open = false;
  });
})();
