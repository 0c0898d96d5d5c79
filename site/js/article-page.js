// One published article, at its reader path (/es/treatments/x/, served by the CMS with this
// page's HTML) or at article.html?id=12 (also ?path=/es/treatments/x/ or ?locale=es&slug=x).

import { ApiError, getArticle, getTranslations, pageHref, siteConfig } from "./api.js";
import { renderArticle } from "./article.js";
import { languageOf, renderLanguageSwitcher, setAlternates, setDocument, setJsonLd } from "./chrome.js";
import { setHeading, setStatus } from "./dom.js";
import { t } from "./i18n.js";

const params = new URLSearchParams(location.search);
const readerPath = location.pathname.endsWith(".html") ? null : location.pathname;

/** [{code, href}] of the article's live translations, itself included, in the site's language order. */
async function translationEntries(article, language, config) {
  let entries;
  if (Array.isArray(article.translations)) {
    entries = article.translations
      .filter((translation) => translation.id)
      // `path` is the reader path on this site (older APIs sent it as `url`).
      .map((translation) => ({
        code: translation.locale,
        href: pageHref(translation.id, translation.path ?? translation.url),
      }));
  } else {
    const others = await getTranslations(article.id).catch(() => []);
    entries = [{ locale: language, id: article.id, url: article.path }, ...others].map((translation) => ({
      code: translation.locale,
      href: pageHref(translation.id, translation.url),
    }));
  }
  const order = (config.languages || []).map((entry) => entry.code);
  const rank = (code) => (order.includes(code) ? order.indexOf(code) : order.length);
  return entries.sort((a, b) => rank(a.code) - rank(b.code));
}

async function main() {
  const config = await siteConfig();
  const requested = params.get("locale") || readerPath?.split("/")[1] || config.default_language;
  setDocument({ language: requested, config });
  setStatus(t(requested, "loading"));
  let article;
  try {
    article = await getArticle({
      id: params.get("id"),
      path: readerPath || params.get("path"),
      locale: params.get("locale"),
      slug: params.get("slug"),
    });
  } catch (error) {
    const key = error instanceof ApiError && [400, 404].includes(error.status) ? "notFound" : "failed";
    setHeading(t(requested, key));
    setStatus("");
    return;
  }
  const { language, direction } = languageOf(article, config, requested);
  setDocument({ language, direction, title: article.title, description: article.summary, config });
  renderArticle(article, language);
  setJsonLd(article.json_ld);
  document.getElementById("back-link").href = `/?locale=${encodeURIComponent(language)}`;
  const translations = await translationEntries(article, language, config);
  renderLanguageSwitcher(translations, language, config);
  setAlternates(translations);
  setStatus("");
}

main();
