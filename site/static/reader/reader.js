// The reader site's only script, and an enhancement: every page is complete without it.
// The language menu is a <details> disclosure that works on its own; here it also closes on
// Escape (focus back on its button), on a click outside it, and when focus leaves it.

for (const menu of document.querySelectorAll("[data-language-menu]")) {
  const summary = menu.querySelector("summary");
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      summary.focus();
    }
  });
  menu.addEventListener("focusout", (event) => {
    if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
}
