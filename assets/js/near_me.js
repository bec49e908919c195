// "Near me": fills the directory form's lat/lon/radius from the browser's location and submits it,
// sorted by distance. Progressive enhancement: the button stays hidden without geolocation, and
// the form works the same without this script (search by a place name, or lat/lon in the address).
(function () {
  "use strict";
  if (!("geolocation" in navigator)) {
    return;
  }
  var buttons = document.querySelectorAll("button[data-near-me]");
  Array.prototype.forEach.call(buttons, function (button) {
    var form = button.form;
    if (!form) {
      return;
    }
    function field(name, value) {
      var input = form.querySelector('input[name="' + name + '"]');
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = name;
        form.appendChild(input);
      }
      input.value = value;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          field("lat", position.coords.latitude.toFixed(5));
          field("lon", position.coords.longitude.toFixed(5));
          field("radius", button.getAttribute("data-radius") || "10");
          field("sort", "distance");
          form.submit();
        },
        function () {
          button.disabled = false;
          var note = document.createElement("p");
          note.className = "notice";
          note.setAttribute("role", "status");
          note.textContent = button.getAttribute("data-error");
          form.appendChild(note);
        },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  });
})();
