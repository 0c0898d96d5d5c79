// The articles of one language: /?locale=es, or a language's reader path (/es/, /es/treatments/).

import { listArticles, pageHref, siteConfig } from "./api.js";
import { renderLanguageSwitcher, setDocument } from "./chrome.js";
import { h, setStatus } from "./dom.js";
import { formatDate, t } from "./i18n.js";

const params = new URLSearchParams(location.search);

function teaser(item, language) {
  const reviewed = item.medical_review?.last_reviewed || item.last_reviewed;
  const facts = [
    item.condition?.name,
    reviewed ? `${t(language, "lastReviewed")}: ${formatDate(reviewed, language)}` : null,
  ].filter(Boolean);
  return h(
    "li",
    {},
    h(
      "article",
      { class: "teaser" },
      h("h2", {}, h("a", { href: pageHref(item.id, item.path) }, item.title)),
      item.summary ? h("p", {}, item.summary) : null,
      facts.length ? h("p", { class: "byline" }, facts.join(" · ")) : null,
    ),
  );
}

async function main() {
  const config = await siteConfig();
  const codes = (config.languages || []).map((language) => language.code);
  const requested = params.get("locale") || location.pathname.split("/")[1];
  const language = codes.includes(requested) ? requested : config.default_language;
  const direction = config.languages?.find((entry) => entry.code === language)?.direction;
  setDocument({ language, direction, config });
  renderLanguageSwitcher(
    codes.map((code) => ({ code, href: `/?locale=${encodeURIComponent(code)}` })),
    language,
    config,
  );
  setStatus(t(language, "loading"));
  const container = document.getElementById("articles");
  try {
    const data = await listArticles(language);
    container.replaceChildren(
      data.items.length
        ? h("ul", { class: "article-list" }, data.items.map((item) => teaser(item, language)))
        : h("p", {}, t(language, "noArticles")),
    );
    setStatus("");
  } catch {
    setStatus(t(language, "failed"), { error: true });
  }
}

main();
