// Spreadsheet-like movement in the indicator grid: arrows and Enter move between cells.
// Leaving a cell fires "change", which HTMX turns into a save of that cell only.
(function () {
  "use strict";
  function cells() {
    return Array.from(document.querySelectorAll("#indicator-grid input.sedp-cell"));
  }
  function position(input) {
    var td = input.closest("td");
    var tr = td.closest("tr");
    return { row: tr, column: Array.prototype.indexOf.call(tr.children, td) };
  }
  function inColumn(rows, column) {
    var td = rows && rows.children[column];
    return td ? td.querySelector("input.sedp-cell") : null;
  }
  function vertical(input, step) {
    var all = Array.from(document.querySelectorAll("#indicator-grid tbody tr"));
    var here = position(input);
    for (var i = all.indexOf(here.row) + step; i >= 0 && i < all.length; i += step) {
      var target = inColumn(all[i], here.column);
      if (target) return target;
    }
    return null;
  }
  function horizontal(input, step) {
    var all = cells();
    return all[all.indexOf(input) + step] || null;
  }
  document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("sedp-cell")) return;
    var target = null;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) {
      target = vertical(input, 1);
    } else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) {
      target = vertical(input, -1);
    } else if (event.key === "ArrowRight" && atEnd) {
      target = horizontal(input, 1);
    } else if (event.key === "ArrowLeft" && atStart) {
      target = horizontal(input, -1);
    } else {
      return;
    }
    event.preventDefault();
    // Moving focus blurs the cell, and the browser then fires "change" if it was edited.
    if (target) {
      target.focus();
      target.select();
    } else if (event.key === "Enter") {
      input.blur(); // the last cell of a column still saves on Enter
    }
  });
})();
