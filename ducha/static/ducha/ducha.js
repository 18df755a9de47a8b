// Small behaviours every page shares, bound by data- attributes: the pages carry no
// inline script or on...= handler, so the Content-Security-Policy can forbid them.
(function () {
  "use strict";
  // <p data-print-now> on a print view (?print=1): open the print dialog once it has loaded
  window.addEventListener("load", function () {
    if (document.querySelector("[data-print-now]")) window.print();
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    // <select data-autosubmit>: choosing an option submits its form
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
  });
  document.addEventListener("click", function (event) {
    var el = event.target;
    if (!el.closest) return;
    // <input type="checkbox" data-check-all="complaints">: ticks every box of that name
    var all = el.closest("input[data-check-all]");
    if (all) {
      document.querySelectorAll('input[name="' + all.dataset.checkAll + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    }
    // <a data-back href="…">: back to the previous page, the href when there is none
    var back = el.closest("a[data-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
})();
