// What every page shares: the language switcher, <head> metadata and the document language.

import { h } from "./dom.js";
import { applyLanguage, directionOf, t } from "./i18n.js";

/** {code: {name, direction}} from /site-config.json. */
export function languageTable(config) {
  return Object.fromEntries((config.languages || []).map((language) => [language.code, language]));
}

/** A page's language and direction: from the API when it says, else from its locale. */
export function languageOf(page, config, fallback) {
  const language = page.locale || page.language || page.meta?.locale || fallback;
  const direction = page.direction || languageTable(config)[language]?.direction || directionOf(language);
  return { language, direction };
}

/**
 * Fill <nav id="languages"> with one link per entry: [{code, href}], the current one marked.
 * Each link is labelled in its own language, with lang/hreflang so screen readers switch voice.
 */
export function renderLanguageSwitcher(entries, current, config) {
  const nav = document.getElementById("languages");
  if (!nav) return;
  const names = languageTable(config);
  const list = h("ul", { class: "languages" });
  for (const { code, href } of entries) {
    const isCurrent = code === current;
    list.append(
      h(
        "li",
        {},
        h(
          "a",
          { href, lang: code, hreflang: code, dir: directionOf(code), "aria-current": isCurrent ? "page" : null },
          names[code]?.name || code.toUpperCase(),
        ),
      ),
    );
  }
  nav.replaceChildren(list);
  nav.hidden = entries.length < 2;
}

/** Set the page's language and direction, title and description. */
export function setDocument({ language, direction, title, description, config }) {
  applyLanguage(language, direction);
  const siteName = t(language, "siteName") || config?.site_name;
  document.title = title ? `${title} · ${siteName}` : siteName;
  const meta = document.querySelector('meta[name="description"]');
  if (meta && description) meta.setAttribute("content", description);
}

/** <link rel="alternate" hreflang> for every translation: [{code, href}]. */
export function setAlternates(entries) {
  for (const link of document.head.querySelectorAll('link[rel="alternate"][hreflang]')) link.remove();
  for (const { code, href } of entries) {
    document.head.append(h("link", { rel: "alternate", hreflang: code, href: new URL(href, location.href).href }));
  }
}

/** The article's schema.org JSON-LD in <head>, or none. */
export function setJsonLd(data) {
  document.getElementById("json-ld")?.remove();
  if (!data) return;
  const script = h("script", { type: "application/ld+json", id: "json-ld" });
  script.textContent = JSON.stringify(data);
  document.head.append(script);
}
