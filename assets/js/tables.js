// A table wider than the screen scrolls sideways inside its .table-scroll box. Such a box becomes
// focusable, and a named group, so keyboard users can scroll it too; boxes that fit stay as they are.
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".table-scroll");
  if (!boxes.length) return;

  function label(box) {
    var caption = box.querySelector("caption");
    var section = box.closest("section");
    var heading = section && section.querySelector("h2");
    return ((caption && caption.textContent) || (heading && heading.textContent) || "").trim();
  }

  function update() {
    Array.prototype.forEach.call(boxes, function (box) {
      var name = label(box);
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        if (name) {
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", name);
        }
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var timer = null;
  update();
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
})();
