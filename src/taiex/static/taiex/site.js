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
