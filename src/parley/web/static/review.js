// Keyboard shortcuts of the review desk: a = accept, r = reject, s = skip, n = the note.
// They act on the pair being read: the one holding the focus, else the first undecided one.
(function () {
  "use strict";
  const VERDICTS = { a: "accept", r: "reject", s: "skip" };

  function current() {
    const focused = document.activeElement && document.activeElement.closest(".review-item");
    if (focused && !focused.classList.contains("decided")) return focused;
    return document.querySelector(".review-item:not(.decided)");
  }

  function mark() {
    document.querySelectorAll(".review-item.current").forEach((e) => e.classList.remove("current"));
    const item = current();
    if (item) item.classList.add("current");
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      if (event.key === "Escape") target.blur(); // leave the note; keys act again
      return;
    }
    const item = current();
    if (!item) return;
    const key = event.key.toLowerCase();
    if (key in VERDICTS) {
      event.preventDefault();
      item.querySelector('button[value="' + VERDICTS[key] + '"]').click();
    } else if (key === "n") {
      event.preventDefault();
      item.querySelector("textarea").focus();
    }
  });
  document.addEventListener("focusin", mark);
  document.addEventListener("htmx:afterSettle", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
