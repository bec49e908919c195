// On a phone the header's search and links fold behind one "Menu" button. Progressive
// enhancement: without this script the button stays hidden and the menu stays open; on a wide
// screen the CSS shows the menu whatever the button's state.
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!toggle || !menu) return;

  function setOpen(open) {
    menu.classList.toggle("site-menu--open", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  header.classList.add("site-header--foldable");
  setOpen(false);
  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  // Escape closes the open menu and gives the focus back to its button.
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();
