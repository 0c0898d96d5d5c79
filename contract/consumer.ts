// A small frontend written against the generated types only (generated/api-v2.ts, from
// /api/v2/openapi.json). `make test` regenerates the types and runs `tsc --strict` on this file
// and on real responses the suite wrote (generated/samples.ts): if the API's document and this
// code disagree, the build fails.
import type { components, paths } from "./generated/api-v2";

type Schemas = components["schemas"];
export type Article = Schemas["ArticlePage"];
export type ArticleListing = paths["/api/v2/articles/"]["get"]["responses"]["200"]["content"]["application/json"];
type Block = Article["body"][number];
type Problem = Schemas["Problem"];

async function getJSON<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = (await response.json()) as Problem;
    throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
  }
  return (await response.json()) as T;
}

export function listArticles(locale: string): Promise<ArticleListing> {
  return getJSON(`/api/v2/articles/?locale=${encodeURIComponent(locale)}&fallback=en`);
}

export function teaser(item: ArticleListing["items"][number]): string {
  const reviewed = item.medical_review?.last_reviewed ?? "never";
  const language = item.fallback ? ` (${item.locale}, not yet in ${item.requested_locale ?? "?"})` : "";
  return `${item.title}${language}: reviewed ${reviewed}, ${item.reading_time_minutes ?? "?"} min`;
}

export function renderBlock(block: Block): string {
  switch (block.type) {
    case "section":
      return `<h2>${block.value.heading}</h2>${block.value.body}`;
    case "treatment": {
      const { modality, heading, procedures, centers } = block.value;
      const badge = modality ? `<p class="badge">${modality.name} (${modality.schema_type})</p>` : "";
      const where = centers.map((c) => `${c.name}, ${c.city}`).join("; ");
      return `${badge}<h3>${heading}</h3>${block.value.body}<p>${procedures.join(", ")}</p><p>${where}</p>`;
    }
    case "callout":
      return `<aside class="${block.value.kind}">${block.value.title ?? ""}${block.value.body}</aside>`;
    case "references":
      return block.value.items.map((item) => item.url ?? item.citation).join("\n");
    default: {
      const unknown: never = block; // every block type is handled
      return unknown;
    }
  }
}

export function hreflangLinks(article: Article): string[] {
  return article.translations
    .filter((t) => t.url !== null)
    .map((t) => `<link rel="alternate" hreflang="${t.locale}" href="${t.url}">`);
}

export function head(article: Article): string {
  const review = article.medical_review;
  const reviewer = review.reviewed_by ? `${review.reviewed_by.name}, ${review.reviewed_by.credentials}` : "";
  const image = article.seo.image ? `<meta property="og:image" content="${article.seo.image.url}">` : "";
  const crumbs = article.breadcrumbs.map((c) => c.title).join(" › ");
  return [
    `<title>${article.seo.title}</title>`,
    `<link rel="canonical" href="${article.seo.canonical_url}">`,
    image,
    `<script type="application/ld+json">${JSON.stringify(article.json_ld)}</script>`,
    `<!-- ${crumbs} | ${reviewer} | ${review.status ?? "unscheduled"} -->`,
    ...hreflangLinks(article),
  ].join("\n");
}

export function picture(article: Article): string {
  const hero = article.hero_image;
  if (!hero) return "";
  const sources = hero.sources.map((s) => `<source type="${s.type}" srcset="${s.srcset}">`).join("");
  return `<picture>${sources}<img src="${hero.src.url}" width="${hero.width}" height="${hero.height}" alt="${hero.alt}"></picture>`;
}

export async function sync(since: string | undefined): Promise<string> {
  let cursor = since;
  for (;;) {
    const query = cursor ? `?since=${encodeURIComponent(cursor)}` : "";
    const feed = await getJSON<Schemas["ChangeFeed"]>(`/api/v2/changes/${query}`);
    for (const change of feed.items) {
      if (change.action === "unpublish" || change.action === "delete") console.log("remove", change.path);
      else console.log("rebuild", change.type, change.id, change.previous_path ?? "");
    }
    cursor = feed.meta.next_cursor;
    if (!feed.meta.has_more) return cursor;
  }
}
