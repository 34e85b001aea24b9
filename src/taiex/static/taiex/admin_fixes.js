// The admin's two-box selectors (SelectFilter2.js) draw a search icon as a <span> with an
// aria-label, which ARIA does not allow on a generic element: give those icons role="img" as
// soon as the admin's script adds them (a MutationObserver runs before the page is used).
function nameIcons(root) {
  for (const icon of root.querySelectorAll("span.search-label-icon[aria-label]:not([role])")) {
    icon.setAttribute("role", "img");
  }
}
new MutationObserver(() => nameIcons(document)).observe(document.documentElement, {
  childList: true,
  subtree: true,
});
