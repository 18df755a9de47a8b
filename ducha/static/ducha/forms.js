// Form behaviours bound by data- attributes (the Content-Security-Policy forbids inline script).
//   <form data-warn-unsaved>  leaving the page with unsaved changes asks first
//   <input data-filter-list="ID">  typing hides the entries of list ID that do not match
(function () {
  "use strict";
  var dirty = new Set();

  function watched(el) {
    return el && el.form && el.form.hasAttribute("data-warn-unsaved") ? el.form : null;
  }
  document.addEventListener("input", function (event) {
    var form = watched(event.target);
    if (form) dirty.add(form);
  });
  document.addEventListener("change", function (event) {
    var form = watched(event.target);
    if (form) dirty.add(form);
  });
  // sending the form is not leaving it: its own submit never asks
  document.addEventListener("submit", function (event) {
    dirty.delete(event.target);
  });
  window.addEventListener("beforeunload", function (event) {
    var unsaved = false;
    dirty.forEach(function (form) {
      if (document.body.contains(form)) unsaved = true;
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // the filter box over a long checkbox list (the supporting units of a dispatch)
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-filter-list]")) return;
    var list = document.getElementById(box.dataset.filterList);
    if (!list) return;
    var words = box.value.trim().toLowerCase();
    list.querySelectorAll("label").forEach(function (label) {
      var entry = label.parentElement !== list ? label.parentElement : label;
      var ticked = label.querySelector("input:checked");
      entry.hidden = !!words && !ticked && label.textContent.toLowerCase().indexOf(words) === -1;
    });
  });
})();
