// Draws the institution maps (templates/includes/map.html) with Leaflet, fetched only when a map
// comes near the screen: on a phone the map is below the first screen, and Leaflet's download, parse
// and drawing would otherwise hold up the page's first seconds (and ask OpenStreetMap for tiles
// nobody looks at). Progressive enhancement: the canvas stays hidden without scripts, and the list
// and addresses on the page say everything the map shows. Markers come from a JSON block, never
// from inline code.
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
      iconRetinaUrl: canvas.dataset.markerIconRetina,
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

  function withScript(src, done, failed) {
    if (window.L) return done();
    var script = document.querySelector('script[src="' + src + '"]');
    if (!script) {
      script = document.createElement("script");
      script.src = src;
      document.head.appendChild(script);
    }
    script.addEventListener("load", done);
    script.addEventListener("error", failed);
  }

  function load(canvas) {
    withStylesheet(canvas.dataset.leafletCss, function () {
      withScript(canvas.dataset.leafletJs, function () { draw(canvas); }, function () { canvas.hidden = true; });
    });
  }

  var canvases = document.querySelectorAll("[data-map-points]");
  // The empty canvas holds the map's place from the start, so drawing it later moves nothing (CLS).
  Array.prototype.forEach.call(canvases, function (canvas) { canvas.hidden = false; });
  if (!("IntersectionObserver" in window)) {
    Array.prototype.forEach.call(canvases, load);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      observer.unobserve(entry.target);
      load(entry.target);
    });
  }, { rootMargin: "200px 0px" });
  Array.prototype.forEach.call(canvases, function (canvas) { observer.observe(canvas); });
})();
