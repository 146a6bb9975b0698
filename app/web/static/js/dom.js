// Small DOM helpers: build elements without innerHTML, so no text from the API is ever parsed as markup.

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | boolean | number | undefined>} [attrs]
 * @param {(Node | string | null | undefined | false)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === "text") element.textContent = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} [kind]
 * @returns {T}
 */
export function byId(id, kind) {
  const element = document.getElementById(id);
  if (!element || (kind && !(element instanceof kind))) throw new Error(`#${id} is missing from the page`);
  return /** @type {T} */ (element);
}

/** @param {string} text */
export function toast(text) {
  const box = byId("toast");
  box.textContent = text;
  box.classList.add("shown");
  window.setTimeout(() => box.classList.remove("shown"), 3500);
}

/** @param {unknown} error */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** A score 0..1 as a percentage. @param {number} value */
export const percent = (value) => `${Math.round(value * 100)}%`;

/** "formal-shoes" -> "Formal shoes", "smart_casual" -> "Smart casual"; a one-letter prefix keeps its hyphen
 * ("T-shirt"). @param {string | null | undefined} word */
export const label = (word) =>
  word ? word.charAt(0).toUpperCase() + word.slice(1).replaceAll("_", " ").replace(/(?<=\p{L}{2})-/gu, " ") : "—";

/**
 * Fills a <select> with values, keeping the first placeholder option when asked to.
 * @param {HTMLSelectElement} select @param {string[]} values @param {boolean} [keepFirst]
 */
export function fillSelect(select, values, keepFirst = true) {
  const chosen = select.value;
  const first = keepFirst ? select.options[0] : null;
  select.replaceChildren(...(first ? [first] : []), ...values.map((v) => h("option", { value: v, text: label(v) })));
  if (values.includes(chosen)) select.value = chosen;
}

/** A colour dot; set through the CSSOM, which the page's CSP allows (inline style attributes it does not). */
export function swatch(/** @type {string} */ hex) {
  const dot = h("span", { class: "swatch", "aria-hidden": "true" });
  dot.style.backgroundColor = hex;
  return dot;
}
