// Draft previews only (/preview.html): the admin's live preview reloads this page after each
// edit, with a new token each time; keep the editor's place in the article across reloads.
// Without JavaScript the preview is the same page, opened at the top.

const key = `preview-scroll:${document.getElementById("main")?.dataset.preview}`;

const saved = Number(sessionStorage.getItem(key));
if (saved > 0) window.scrollTo(0, saved);

let pending = false;
addEventListener(
  "scroll",
  () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      sessionStorage.setItem(key, String(Math.round(scrollY)));
      pending = false;
    });
  },
  { passive: true },
);
