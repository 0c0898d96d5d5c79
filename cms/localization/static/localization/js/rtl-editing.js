// Right-to-left content is edited right-to-left: in wagtail-localize's translation editor, in
// Wagtail's page and snippet forms, and in listings. Loaded on every admin page; the languages
// written right to left come from this script tag's data-rtl-languages.
(function () {
  "use strict";
  const script = document.currentScript;
  const rtl = new Set(((script && script.dataset.rtlLanguages) || "ar").split(" "));
  const isRtl = (code) => !!code && rtl.has(code.split("-")[0].toLowerCase());

  function markFields(root, language) {
    const direction = isRtl(language) ? "rtl" : "ltr";
    root
      .querySelectorAll("input[type=text], input:not([type]), textarea, [contenteditable=true], .Draftail-Editor")
      .forEach((field) => {
        if (field.closest("[data-keep-direction]")) return;
        field.setAttribute("dir", direction);
        field.setAttribute("lang", language);
      });
  }

  // Translation editor: source texts in the source language, translations in the target's.
  function markTranslationEditor() {
    const panel = document.querySelector("[data-localization-provenance]");
    const editor = document.querySelector(".js-translation-editor");
    if (!panel || !editor) return;
    const target = panel.dataset.language;
    const source = panel.dataset.sourceLanguage;
    const badges = new Map();
    panel.querySelectorAll("[data-provenance-list] li").forEach((item) => {
      // The editor shows a rich text's source as its markup, a plain text as itself.
      const badge = item.querySelector(".localization-badge");
      const text = document.createElement("div");
      text.innerHTML = item.dataset.source;
      badges.set(item.dataset.source.trim(), badge);
      if (!badges.has(text.textContent.trim())) badges.set(text.textContent.trim(), badge);
    });
    editor.querySelectorAll("li").forEach((segment) => {
      const sourceText = segment.querySelector(":scope > p");
      const translation = segment.querySelector(":scope > div");
      if (sourceText) {
        sourceText.setAttribute("lang", source);
        sourceText.setAttribute("dir", isRtl(source) ? "rtl" : "ltr");
      }
      if (translation) {
        translation.setAttribute("lang", target);
        translation.setAttribute("dir", isRtl(target) ? "rtl" : "ltr");
        translation.classList.add("localization-translation");
      }
      const badge = sourceText && badges.get(sourceText.textContent.trim());
      if (badge && !segment.querySelector(":scope > .localization-badge")) {
        segment.insertBefore(badge.cloneNode(true), sourceText.nextSibling);
      }
    });
    markFields(editor, target);
  }

  function markForms() {
    const language = window.wagtailConfig && window.wagtailConfig.ACTIVE_CONTENT_LOCALE;
    document.querySelectorAll("form[data-edit-form]").forEach((form) => {
      if (language && !document.querySelector(".js-translation-editor")) markFields(form, language);
    });
    // Titles in listings and reports: each isolates its own direction (Arabic names, Latin ones).
    document.querySelectorAll(".listing td a, .listing td .title-wrapper, .listing td span").forEach((el) => {
      if (!el.hasAttribute("dir")) el.setAttribute("dir", "auto");
    });
  }

  function run() {
    markTranslationEditor();
    markForms();
  }

  document.addEventListener("DOMContentLoaded", () => {
    run();
    // React and Wagtail's panels render after load: keep marking what appears.
    let scheduled = false;
    new MutationObserver(() => {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(() => {
        scheduled = false;
        run();
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
