// An article from the API, as readers see it: sections, treatment cards, review, references.

import { h, richText, setHeading } from "./dom.js";
import { formatDate, t } from "./i18n.js";

let idCounter = 0;
const nextId = (prefix) => `${prefix}-${++idCounter}`;

function person(value) {
  if (!value) return "";
  return value.credentials ? `${value.name}, ${value.credentials}` : value.name;
}

/** {reviewer, last, next, status} from `medical_review`, or from the plain review fields. */
export function reviewOf(article) {
  const review = article.medical_review;
  if (review) {
    return {
      reviewer: review.reviewed_by,
      last: review.last_reviewed,
      next: review.next_review_due,
      status: review.status,
    };
  }
  const next = article.next_review_due;
  const overdue = next && new Date(`${next}T00:00:00Z`) < new Date();
  return {
    reviewer: article.medical_reviewer,
    last: article.last_reviewed,
    next,
    status: next ? (overdue ? "overdue" : "current") : null,
  };
}

function reviewBox(article, language) {
  const { reviewer, last, next, status } = reviewOf(article);
  const box = h("aside", { class: "review", "aria-label": t(language, "medicalReview") });
  if (!reviewer && !last) {
    box.append(h("p", {}, t(language, "notReviewed")));
    return box;
  }
  const facts = h("dl", { class: "review__facts" });
  const fact = (label, value, className) => {
    if (value) facts.append(h("div", { class: className }, h("dt", {}, label), h("dd", {}, value)));
  };
  fact(t(language, "reviewedBy"), person(reviewer), "review__reviewer");
  fact(t(language, "lastReviewed"), formatDate(last, language), "review__last");
  fact(t(language, "nextReview"), formatDate(next, language), "review__next");
  box.append(facts);
  if (status === "overdue") box.append(h("p", { class: "review__overdue" }, t(language, "reviewOverdue")));
  return box;
}

function byline(article, language) {
  const parts = [];
  const authors = (article.authors || []).map(person).filter(Boolean);
  if (authors.length) parts.push(`${t(language, "by")} ${authors.join(", ")}`);
  if (article.original_published_at) {
    parts.push(`${t(language, "published")}: ${formatDate(article.original_published_at, language)}`);
  }
  if (article.condition?.name) parts.push(`${t(language, "condition")}: ${article.condition.name}`);
  return parts.length ? h("p", { class: "byline" }, parts.join(" · ")) : null;
}

function centre(value, language) {
  const place = [value.city, value.country].filter(Boolean).join(", ");
  return h(
    "li",
    { class: "centre" },
    h("span", { class: "centre__name" }, value.name),
    place ? h("span", { class: "centre__place" }, place) : null,
    value.accreditation ? h("span", { class: "centre__accreditation" }, value.accreditation) : null,
    value.website
      ? h("a", { class: "centre__website", href: value.website, rel: "noopener" }, t(language, "website"))
      : null,
  );
}

function treatmentCard(value, level, language) {
  const headingId = nextId("treatment");
  const card = h("article", {
    class: "treatment-card",
    "aria-labelledby": headingId,
    "data-modality": value.modality?.slug || null,
  });
  if (value.modality) card.append(h("p", { class: "modality-badge" }, value.modality.name));
  card.append(h(`h${level}`, { id: headingId }, value.heading), richText(value.body));
  const sub = `h${Math.min(level + 1, 6)}`;
  if (value.procedures?.length) {
    card.append(
      h(sub, { class: "card-subheading" }, t(language, "procedures")),
      h("ul", { class: "procedures" }, value.procedures.map((name) => h("li", {}, name))),
    );
  }
  card.append(h(sub, { class: "card-subheading" }, t(language, "centres")));
  const centres = (value.centers || []).filter(Boolean);
  card.append(
    centres.length
      ? h("ul", { class: "centres" }, centres.map((c) => centre(c, language)))
      : h("p", { class: "centres centres--none" }, t(language, "noCentres")),
  );
  return card;
}

function references(value, language) {
  const items = (value.items || []).map((item) =>
    h("li", {}, item.url ? h("a", { href: item.url, rel: "noopener" }, item.citation) : item.citation),
  );
  return h(
    "section",
    { class: "references" },
    h("h2", {}, value.heading || t(language, "references")),
    h("ol", {}, items),
  );
}

function callout(value) {
  return h(
    "aside",
    { class: `callout callout--${value.kind || "info"}`, role: "note", "aria-label": value.title || null },
    value.title ? h("p", { class: "callout__title" }, value.title) : null,
    richText(value.body),
  );
}

function isHeadingOnly(block) {
  return block?.type === "section" && !richText(block.value?.body).textContent.trim();
}

/**
 * The body blocks. Consecutive treatments become one grid of cards (h3) under an h2: the
 * editor's own heading-only section just before them, or "Treatment options".
 */
function body(blocks, language) {
  const output = [];
  let grid = null;
  (blocks || []).forEach((block, index) => {
    const value = block.value || {};
    if (block.type !== "treatment") grid = null;
    if (block.type === "section") {
      output.push(h("section", { class: "section" }, h("h2", {}, value.heading), richText(value.body)));
    } else if (block.type === "treatment") {
      if (!grid) {
        grid = h("div", { class: "treatments" });
        if (isHeadingOnly(blocks[index - 1])) {
          output.at(-1).append(grid);
        } else {
          const id = nextId("treatments");
          output.push(
            h(
              "section",
              { class: "treatment-options", "aria-labelledby": id },
              h("h2", { id }, t(language, "treatmentOptions")),
              grid,
            ),
          );
        }
      }
      grid.append(treatmentCard(value, 3, language));
    } else if (block.type === "callout") {
      output.push(callout(value));
    } else if (block.type === "references") {
      output.push(references(value, language));
    }
  });
  return output;
}

function disclaimer(language) {
  const id = nextId("disclaimer");
  return h(
    "section",
    { class: "disclaimer", "aria-labelledby": id },
    h("h2", { id }, t(language, "disclaimerTitle")),
    h("p", {}, t(language, "disclaimer")),
  );
}

/** Render `article` into the page: the h1 gets the title, #article-body everything else. */
export function renderArticle(article, language) {
  setHeading(article.title);
  const container = document.getElementById("article-body");
  container.replaceChildren(
    ...[
      article.summary ? h("p", { class: "lead" }, article.summary) : null,
      byline(article, language),
      reviewBox(article, language),
      ...body(article.body, language),
      disclaimer(language),
    ].filter(Boolean),
  );
}
