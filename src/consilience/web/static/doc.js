// Scroll to the passage a search result or a dispute linked to.
(function () {
  "use strict";
  var hit = document.querySelector("mark.hit");
  if (hit) { hit.scrollIntoView({ block: "center" }); }
})();
