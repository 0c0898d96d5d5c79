// preview.html?content_type=articles.articlepage&token=...: an unpublished draft, for its editors.
// Without a valid token the API answers 403/404 and nothing but the error is shown.

import { getPreview, siteConfig } from "./api.js";
import { renderArticle } from "./article.js";
import { languageOf, setDocument, setJsonLd } from "./chrome.js";
import { h, richText, setHeading, setStatus } from "./dom.js";
import { t } from "./i18n.js";

const params = new URLSearchParams(location.search);

function renderOtherPage(page) {
  setHeading(page.title);
  document.getElementById("article-body").replaceChildren(
    ...[page.intro ? richText(page.intro) : null, h("p", { class: "byline" }, page.meta?.type || "")].filter(Boolean),
  );
}

async function main() {
  const config = await siteConfig();
  const fallback = config.default_language;
  setDocument({ language: fallback, config });
  setStatus(t(fallback, "loading"));
  let page;
  try {
    page = await getPreview(params.get("content_type"), params.get("token"));
  } catch {
    setHeading(t(fallback, "previewInvalid"));
    setStatus("");
    return;
  }
  const { language, direction } = languageOf(page, config, fallback);
  setDocument({ language, direction, title: page.title, description: page.summary, config });
  const banner = document.getElementById("preview-banner");
  banner.textContent = t(language, "previewBanner");
  banner.hidden = false;
  if (page.meta?.type === "articles.ArticlePage") {
    renderArticle(page, language);
    setJsonLd(page.json_ld);
  } else {
    renderOtherPage(page);
  }
  document.getElementById("back-link").href = `/?locale=${encodeURIComponent(language)}`;
  setStatus("");
}

main();
