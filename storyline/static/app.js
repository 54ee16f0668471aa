// storyline: highlight the evidence span named in the URL fragment (#span=start-end).
// The server marks every evidence span as <mark data-spans="start-end ...">; this only adds a class.
(function () {
  "use strict";
  function highlight() {
    var m = /^#span=(\d+)-(\d+)$/.exec(window.location.hash || "");
    var old = document.querySelectorAll("mark.active");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("active"); }
    if (!m) { return; }
    var key = m[1] + "-" + m[2];
    var marks = document.querySelectorAll("mark[data-spans]");
    var first = null;
    for (var j = 0; j < marks.length; j++) {
      var keys = marks[j].getAttribute("data-spans").split(" ");
      if (keys.indexOf(key) !== -1) {
        marks[j].classList.add("active");
        if (!first) { first = marks[j]; }
      }
    }
    if (first) {
      var box = first.closest("details");
      if (box) { box.open = true; }
      first.scrollIntoView({block: "center"});
    }
  }
  window.addEventListener("hashchange", highlight);
  document.addEventListener("DOMContentLoaded", highlight);
})();
