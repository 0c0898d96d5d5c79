// Small DOM helpers: build elements, insert the CMS's rich text safely, announce status.

/** h("a", {href: "/"}, "text", child) -> <a href="/">text…</a>. Strings become text, never HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") element.className = value;
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false || child === "") continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const FORBIDDEN = "script, style, iframe, object, embed, form, input, button, textarea, select, link, meta, base";
const URL_ATTRIBUTES = new Set(["href", "src", "xlink:href", "action", "formaction"]);

function safeUrl(value) {
  const url = value.trim().toLowerCase().replace(/[\s\u0000-\u001f]/g, "");
  return !(url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:text"));
}

/**
 * The API's rich text (display HTML) as a fragment, with scripts, event handlers and
 * javascript: links removed. The CMS already limits what editors write; this is a second fence.
 */
export function richText(html) {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  for (const element of template.content.querySelectorAll(FORBIDDEN)) element.remove();
  for (const element of template.content.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name === "style" || (URL_ATTRIBUTES.has(name) && !safeUrl(attribute.value))) {
        element.removeAttribute(attribute.name);
      }
    }
    if (element.tagName === "A" && /^https?:/i.test(element.getAttribute("href") || "")) {
      element.setAttribute("rel", "noopener");
    }
  }
  return h("div", { class: "rich-text" }, template.content);
}

/** Announce `message` in the page's live region (empty to clear it). */
export function setStatus(message, { error = false } = {}) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = message || "";
  status.hidden = !message;
  status.classList.toggle("status--error", error);
}

/** The page's one h1. */
export function setHeading(text) {
  const heading = document.getElementById("page-title");
  heading.removeAttribute("data-i18n");
  heading.textContent = text;
}
