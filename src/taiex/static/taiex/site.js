// Small progressive enhancements; every page works without them.

// Warn before leaving a form with unsaved changes, so an edit is never lost by a stray click.
for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  form.addEventListener("submit", () => { dirty = false; });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
    }
  });
}

// Confirm destructive buttons (withdraw, reject) that carry data-confirm.
for (const button of document.querySelectorAll("[data-confirm]")) {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
}

// The error summary (core/_error_summary.html) takes the focus when the page loads, so a
// keyboard or screen-reader user starts from the list of problems; otherwise an error message
// at the top of the page does. Each link of the summary moves the focus to its field, opening
// the collapsed group (<details>) that holds it and showing its label or legend.
const summary = document.querySelector("[data-error-summary]")
  || document.querySelector("[data-focus-on-load]");
if (summary) {
  summary.focus();
}
for (const link of document.querySelectorAll("[data-error-summary] a[href^='#']")) {
  link.addEventListener("click", (event) => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) {
      return;
    }
    event.preventDefault();
    for (let node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    const input = target.matches("input, select, textarea, button")
      ? target
      : target.querySelector("input, select, textarea, button");
    const caption = document.querySelector(`label[for="${CSS.escape(target.id)}"]`)
      || target.closest("fieldset")?.querySelector("legend")
      || target;
    caption.scrollIntoView();
    (input || target).focus({ preventScroll: true });
    history.replaceState(null, "", link.hash);
  });
}

// A wide table scrolls inside its own region, never the whole page (a 390 px phone): each
// table not already in a .table-scroll gets one. While the table overflows, the region is
// named after the caption and takes the keyboard focus, so it can be scrolled without a mouse
// (axe's scrollable-region-focusable); site.css keeps its first column in view.
const scrollers = [];
for (const table of document.querySelectorAll("main table")) {
  let scroller = table.parentElement.closest(".table-scroll");
  if (!scroller) {
    scroller = document.createElement("div");
    scroller.className = "table-scroll";
    scroller.dataset.wrapped = "";
    table.before(scroller);
    scroller.append(table);
  }
  if ("wrapped" in scroller.dataset) {
    scrollers.push([scroller, table]);
  }
}
function markScrollable() {
  for (const [scroller, table] of scrollers) {
    if (scroller.scrollWidth > scroller.clientWidth) {
      const caption = table.caption && table.caption.textContent.trim();
      scroller.setAttribute("role", "region");
      scroller.setAttribute("aria-label", caption ? `${caption} (scrolls sideways)` : "Table (scrolls sideways)");
      scroller.tabIndex = 0;
    } else {
      scroller.removeAttribute("role");
      scroller.removeAttribute("aria-label");
      scroller.removeAttribute("tabindex");
    }
  }
}
markScrollable();
window.addEventListener("resize", markScrollable);
