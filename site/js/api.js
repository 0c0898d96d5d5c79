// Talking to the CMS: the content API (/api/v2/), the preview API and /site-config.json.
// Every function resolves to parsed JSON or throws an ApiError with the HTTP status.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export async function getJSON(url, { cache = "default" } = {}) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" }, cache });
  } catch (error) {
    throw new ApiError(error.message, 0);
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // Not JSON: keep data null and report the status below.
  }
  if (!response.ok) {
    throw new ApiError((data && (data.detail || data.message)) || response.statusText, response.status);
  }
  return data;
}

const ARTICLE_TYPE = "articles.ArticlePage";
// Asked for by name so listings stay small; older APIs without the computed fields get "*".
const LISTING_FIELDS = [
  "summary", "condition", "original_published_at", "medical_review", "locale", "direction", "path",
];

let configPromise = null;

/** The site's languages and name; a built-in fallback when the endpoint is unavailable. */
export function siteConfig() {
  if (!configPromise) {
    configPromise = getJSON("/site-config.json").catch(() => ({
      site_name: "Medical articles",
      default_language: "en",
      languages: [{ code: "en", name: "English", direction: "ltr" }],
    }));
  }
  return configPromise;
}

/** The articles of one language, by title. */
export async function listArticles(locale) {
  const base = `/api/v2/pages/?type=${ARTICLE_TYPE}&locale=${encodeURIComponent(locale)}&order=title&limit=100`;
  try {
    return await getJSON(`${base}&fields=${LISTING_FIELDS.join(",")}`);
  } catch (error) {
    if (error.status !== 400) throw error;
    return getJSON(`${base}&fields=*`); // an API without some computed fields
  }
}

/** One article: by id, by reader path (/es/treatments/x/: the API's `path`), or by locale and slug. */
export async function getArticle({ id, path, locale, slug }) {
  if (id) {
    return getJSON(`/api/v2/pages/${encodeURIComponent(id)}/`);
  }
  if (path) {
    try {
      return await getJSON(`/api/v2/articles/by-path/?path=${encodeURIComponent(path)}`);
    } catch (error) {
      if (error.status !== 404) throw error;
      // An API without the articles endpoint: Wagtail's find (it answers with the page).
      return getJSON(`/api/v2/pages/find/?html_path=${encodeURIComponent(path)}`);
    }
  }
  if (locale && slug) {
    const found = await getJSON(
      `/api/v2/pages/?type=${ARTICLE_TYPE}&locale=${encodeURIComponent(locale)}&slug=${encodeURIComponent(slug)}`,
    );
    if (found.items.length) return getJSON(`/api/v2/pages/${found.items[0].id}/`);
  }
  throw new ApiError("Article not found", 404);
}

/** Live translations of a page, for APIs that do not send the `translations` field. */
export async function getTranslations(pageId) {
  const data = await getJSON(`/api/v2/pages/?translation_of=${encodeURIComponent(pageId)}`);
  return data.items.map((item) => ({ locale: item.meta.locale, id: item.id }));
}

/** The unpublished draft behind a preview token; never cached by the browser. */
export function getPreview(contentType, token) {
  const query = new URLSearchParams({ content_type: contentType || "", token: token || "" });
  return getJSON(`/api/v2/page_preview/?${query}`, { cache: "no-store" });
}

/** Where the reader site shows a page: its reader path when the API gives one, else by id. */
export function pageHref(id, path) {
  return path || `/article.html?id=${encodeURIComponent(id)}`;
}
