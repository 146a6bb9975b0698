// One item: every tag with its confidence, uncertain fields highlighted, corrections from the vocabulary, delete.
import { call, forgetImages } from "./api.js";
import { byId, fillSelect, h, label, messageOf, percent, swatch, toast } from "./dom.js";
import { correctionFields } from "./vocabulary.js";
import { describe, loadItems, seasonsOf, showPicture } from "./wardrobe.js";

/** @typedef {import('./api-helpers').Item} Item */
/** @typedef {import('./api-helpers').User} User */

// Below this the analysis is unsure enough that a person should look (unless the API says otherwise).
const REVIEW_BELOW = 0.6;
// Tag field -> the key of its confidence in tags.confidence.
const CONFIDENCE_KEY = /** @type {Record<string, string>} */ ({
  type: "type",
  category: "category",
  primary_color: "color_family",
  color_family: "color_family",
  pattern: "pattern",
  style: "style",
  seasons: "season",
});
const ROWS = [
  ["type", "Type"],
  ["category", "Slot"],
  ["primary_color", "Main colour"],
  ["secondary_color", "Second colour"],
  ["colors", "Colours measured"],
  ["color_family", "Colour family"],
  ["pattern", "Pattern"],
  ["style", "Style"],
  ["formality", "Formality (1 casual – 5 black tie)"],
  ["seasons", "Seasons"],
  ["warmth", "Warmth (1 light – 5 winter)"],
];

/** @type {{ user: User | null, item: Item | null }} */
const current = { user: null, item: null };

/** @param {Item} item @returns {Record<string, any>} */
const tagsOf = (item) => /** @type {Record<string, any>} */ (item.tags);

/** Fields the API flags for review (a list, or true for the whole item), else low-confidence ones. @param {Item} item */
export function fieldsToReview(item) {
  const tags = tagsOf(item);
  const flagged = tags.needs_review ?? /** @type {Record<string, unknown>} */ (item).needs_review;
  const corrected = Object.keys(item.corrections ?? {});
  if (Array.isArray(flagged)) return flagged.map(String).filter((f) => !corrected.includes(f));
  const confidence = tags.confidence ?? {};
  return Object.keys(CONFIDENCE_KEY).filter(
    (field) => !corrected.includes(field) && typeof confidence[CONFIDENCE_KEY[field]] === "number" && confidence[CONFIDENCE_KEY[field]] < REVIEW_BELOW,
  );
}

/** @param {Item} item @param {string} field */
function valueCell(item, field) {
  const tags = tagsOf(item);
  if (field === "colors") {
    return h("td", {}, (item.tags.colors ?? []).map((c) =>
      h("span", { class: "chip colour" }, [
        swatch(c.hex),
        `${c.name} ${percent(c.share)}`,
      ]),
    ));
  }
  if (field === "seasons") return h("td", { text: seasonsOf(item).map(label).join(", ") || "—" });
  if (field === "warmth" && tags.warmth) {
    const range = tags.comfort_min_c != null ? ` (about ${tags.comfort_min_c}–${tags.comfort_max_c} °C)` : "";
    return h("td", { text: `${tags.warmth}${range}` });
  }
  const value = tags[field];
  return h("td", { text: typeof value === "string" ? label(value) : value == null ? "—" : String(value) });
}

/** @param {Item} item */
function renderTags(item) {
  const review = fieldsToReview(item);
  const confidence = tagsOf(item).confidence ?? {};
  const corrected = item.corrections ?? {};
  const rows = ROWS.map(([field, name]) => {
    const score = confidence[CONFIDENCE_KEY[field]];
    const flags = [
      field in corrected ? h("span", { class: "badge corrected", text: "corrected by you" }) : null,
      review.includes(field) ? h("span", { class: "badge review", text: "please check" }) : null,
    ];
    return h("tr", { class: review.includes(field) ? "needs-review" : "", "data-field": field }, [
      h("th", { scope: "row" }, [name, ...flags]),
      valueCell(item, field),
      h("td", { text: field in corrected ? "you" : typeof score === "number" ? percent(score) : "—" }),
    ]);
  });
  byId("item-tags").replaceChildren(...rows);
  const note = byId("item-review");
  note.hidden = review.length === 0;
  note.textContent = `The analysis is unsure about: ${review.map((f) => ROWS.find((r) => r[0] === f)?.[1] ?? f).join(", ")}. Correct it below if it is wrong.`;
  const origin = [tagsOf(item).model_version, tagsOf(item).backend].filter(Boolean).join(", ");
  byId("item-photo-caption", HTMLElement).textContent = origin ? `Analysed by ${origin}` : "";
}

/** The value control: a list when the contract has one, else free text with the wardrobe's values offered. */
async function renderValueControl() {
  const item = current.item;
  if (!item) return;
  const fields = await correctionFields();
  const field = byId("correct-field", HTMLSelectElement).value;
  const allowed = fields[field];
  const now = tagsOf(item)[field];
  const slot = byId("correct-value-slot");
  if (allowed) {
    const select = h("select", { id: "correct-value", required: true, "data-field": field });
    fillSelect(select, allowed, false);
    if (typeof now === "string" && allowed.includes(now)) select.value = now;
    slot.replaceChildren(select);
    return;
  }
  const seen = [...new Set((await loadItems(/** @type {User} */ (current.user))).map((i) => tagsOf(i)[field]).filter((v) => typeof v === "string"))];
  const list = h("datalist", { id: "correct-value-options" }, seen.map((v) => h("option", { value: v })));
  const input = h("input", {
    id: "correct-value",
    list: "correct-value-options",
    required: true,
    maxlength: 40,
    value: typeof now === "string" ? now : "",
    "data-field": field,
  });
  slot.replaceChildren(input, list);
}

/** @param {User} user @param {number} id */
export async function showItem(user, id) {
  current.user = user;
  current.item = await call("get", "/api/images/{user_id}/{image_id}", { path: { user_id: user.id, image_id: id } });
  const item = current.item;
  byId("item-title").textContent = label(describe(item));
  const img = byId("item-image", HTMLImageElement);
  img.removeAttribute("src");
  img.alt = `Photo of the ${describe(item)}`;
  showPicture(img, item.file_url);
  renderTags(item);
  const fields = await correctionFields();
  const select = byId("correct-field", HTMLSelectElement);
  const names = Object.keys(fields);
  select.replaceChildren(...names.map((f) => h("option", { value: f, text: ROWS.find((r) => r[0] === f)?.[1] ?? label(f) })));
  const review = fieldsToReview(item).find((f) => names.includes(f));
  if (review) select.value = review; // start with the field most likely wrong
  byId("correct-error").textContent = "";
  await renderValueControl();
}

async function saveCorrection(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  const { user, item } = current;
  if (!user || !item) return;
  const field = byId("correct-field", HTMLSelectElement).value;
  const control = byId("correct-value");
  const value = control instanceof HTMLInputElement || control instanceof HTMLSelectElement ? control.value.trim() : "";
  /** @type {import('./api-helpers').Correction} */
  const body = /** @type {any} */ ({ [field]: value || null });
  try {
    current.item = await call("patch", "/api/images/{user_id}/{image_id}", {
      path: { user_id: user.id, image_id: item.id },
      json: body,
    });
    byId("correct-error").textContent = "";
    byId("item-title").textContent = label(describe(current.item));
    renderTags(current.item);
    toast(`Saved: ${label(field)} is now ${label(value)}.`);
  } catch (error) {
    byId("correct-error").textContent = messageOf(error);
  }
}

async function deleteItem() {
  const { user, item } = current;
  if (!user || !item || !confirm(`Delete the ${describe(item)} and its photo?`)) return;
  try {
    await call("delete", "/api/images/{user_id}/{image_id}", { path: { user_id: user.id, image_id: item.id } });
    forgetImages(`/api/images/${user.id}/${item.id}/`);
    toast(`Deleted the ${describe(item)}.`);
    location.hash = "#/wardrobe";
  } catch (error) {
    toast(messageOf(error));
  }
}

export function setupItem() {
  byId("correct-field", HTMLSelectElement).addEventListener("change", () => void renderValueControl());
  byId("correct-form", HTMLFormElement).addEventListener("submit", (event) => void saveCorrection(event));
  byId("item-delete").addEventListener("click", () => void deleteItem());
}
