/* The ballot's running cost (approval) or points (cumulative): a help only — the
   server checks every ballot, and the form works without it. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-ballot]").forEach(function (form) {
    var running = form.querySelector("[data-running]");
    if (!running) { return; }
    var output = running.querySelector("output");
    var kind = running.getAttribute("data-running");
    var limit = Number(kind === "cost" ? form.getAttribute("data-budget") : form.getAttribute("data-max-points"));
    function update() {
      var total = 0;
      if (kind === "cost") {
        form.querySelectorAll("input[data-cost]:checked").forEach(function (box) { total += Number(box.getAttribute("data-cost")); });
        // In the city's currency, as the page writes money (Latin digits, as Babel).
        output.textContent = total.toLocaleString(document.documentElement.lang, {
          style: "currency", currency: running.getAttribute("data-currency"), numberingSystem: "latn"
        });
      } else {
        form.querySelectorAll("input.points").forEach(function (field) { total += Number(field.value) || 0; });
        output.textContent = String(total);
      }
      running.classList.toggle("over", limit > 0 && total > limit);
    }
    running.hidden = false;
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  });
})();
