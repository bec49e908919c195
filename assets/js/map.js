// Draws the institution maps (templates/includes/map.html) with Leaflet once it has loaded.
// Progressive enhancement: the canvas stays hidden without scripts, and the list and addresses on
// the page say everything the map shows. Markers come from a JSON block, never from inline code.
(function () {
  "use strict";
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

  function withStylesheet(href, done) {
    if (document.querySelector('link[href="' + href + '"]')) return done();
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.addEventListener("load", done);
    document.head.appendChild(link);
  }

  function popup(point) {
    // Built from DOM nodes: titles are text, never HTML.
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    return link;
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.mapPoints);
    var points = source ? JSON.parse(source.textContent) : [];
    if (!points.length || !window.L) return;
    canvas.hidden = false;
    // The marker images by their (hashed, in production) static URLs: Leaflet's own guess from its
    // stylesheet's address breaks on hashed file names.
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: canvas.dataset.markerIcon,
      iconRetinaUrl: canvas.dataset.markerIcon2x,
      shadowUrl: canvas.dataset.markerShadow,
    });
    var map = L.map(canvas, { scrollWheelZoom: false });
    L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION }).addTo(map);
    var bounds = [];
    points.forEach(function (point) {
      var position = [point.lat, point.lon];
      L.marker(position, { title: point.title, alt: point.title }).bindPopup(popup(point)).addTo(map);
      bounds.push(position);
    });
    if (bounds.length === 1) map.setView(bounds[0], 15);
    else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    canvas.classList.add("map__canvas--ready");
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-map-points]"), function (canvas) {
    withStylesheet(canvas.dataset.leafletCss, function () { draw(canvas); });
  });
})();
