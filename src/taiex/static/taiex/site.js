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

// Long lists (class "filterable": a <select>, or the box of a checkbox list) get a "Filter"
// text box above them: typing hides the items whose text does not contain the words typed
// (ignoring case and accents). Chosen items stay visible. Short lists are left as they are.
const FILTER_MINIMUM = 11;
const folded = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const itemsOf = (list) => (list.tagName === "SELECT"
  ? Array.from(list.options).filter((option) => option.value !== "")
  : Array.from(list.querySelectorAll("li, :scope > div")));
const isChosen = (item) => (item.tagName === "OPTION"
  ? item.selected
  : Boolean(item.querySelector("input:checked")));
let filterCount = 0;
for (const list of document.querySelectorAll("select.filterable, ul.filterable, div.filterable")) {
  if (itemsOf(list).length < FILTER_MINIMUM) {
    continue;
  }
  filterCount += 1;
  const caption = (list.id && document.querySelector(`label[for="${CSS.escape(list.id)}"]`))
    || list.closest("fieldset")?.querySelector("legend");
  const name = caption ? caption.textContent.trim() : "the list";
  const box = document.createElement("div");
  box.className = "list-filter";
  const label = document.createElement("label");
  label.htmlFor = `list-filter-${filterCount}`;
  label.textContent = `Filter ${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  const input = document.createElement("input");
  input.type = "search";
  input.id = label.htmlFor;
  input.autocomplete = "off";
  if (list.id) {
    input.setAttribute("aria-controls", list.id);
  }
  const status = document.createElement("span");
  status.className = "help";
  status.setAttribute("role", "status");
  box.append(label, input, status);
  list.before(box);
  input.addEventListener("input", () => {
    const words = folded(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    let total = 0;
    for (const item of itemsOf(list)) {
      if (item.dataset.otherCountry !== undefined) {
        continue;
      }
      total += 1;
      const text = folded(item.textContent);
      const match = isChosen(item) || words.every((word) => text.includes(word));
      item.hidden = !match;
      shown += match ? 1 : 0;
    }
    status.textContent = words.length ? `${shown} of ${total} shown` : "";
  });
}

// An institution list that follows a country list (data-country-from="<id of the country
// select>"): only the chosen country's institutions are offered, as the server does on a
// re-rendered page; nothing is hidden while no country is chosen.
for (const list of document.querySelectorAll("select[data-country-from]")) {
  const country = document.getElementById(list.dataset.countryFrom);
  if (!country) {
    continue;
  }
  const follow = () => {
    for (const option of list.options) {
      const other = Boolean(country.value && option.dataset.country
        && option.dataset.country !== country.value);
      if (other) {
        option.dataset.otherCountry = "";
        option.selected = false;
      } else {
        delete option.dataset.otherCountry;
      }
      option.hidden = other;
    }
  };
  country.addEventListener("change", follow);
  follow();
}

// The sections of the request form that only some types of assistance have (data-types): a
// study visit's host, the experts of a workshop or an expert mission. A section of another
// type is hidden with its line in the list of sections, and disabled so nothing of it is sent.
const typeField = document.querySelector("select[name='assistance_type']");
if (typeField) {
  const showSections = () => {
    const chosen = typeField.value;
    for (const node of document.querySelectorAll("[data-types]")) {
      const applies = !chosen || node.dataset.types.split(" ").includes(chosen);
      node.hidden = !applies;
      if (node.tagName === "FIELDSET") {
        node.disabled = !applies;
        const note = node.querySelector("[data-not-applicable]");
        if (note) {
          note.hidden = true;
        }
      }
    }
  };
  typeField.addEventListener("change", showSections);
  showSections();
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

// A group shown open without JavaScript and closed on a narrow screen, behind its summary
// button (the search's "Filters", the header's "Menu"): closed when the page opens at that width.
// Widened past that width, it opens again (the header menu hides its summary there).
for (const group of document.querySelectorAll("details[data-closed-below]")) {
  const narrow = window.matchMedia(`(max-width: ${group.dataset.closedBelow})`);
  if (narrow.matches) group.open = false;
  narrow.addEventListener("change", (change) => { if (!change.matches) group.open = true; });
}
