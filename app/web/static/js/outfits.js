// Outfits: context (occasion, temperature, rain), suggestions as pictures with score and explanation,
// like / dislike / wore (the list is asked again so their effect shows), what is missing, rate my outfit.
import { call } from "./api.js";
import { byId, fillSelect, h, label, messageOf, percent, toast } from "./dom.js";
import { queryEnum } from "./vocabulary.js";
import { describe, loadItems, pictureOf, showPicture } from "./wardrobe.js";

/** @typedef {import('./api-helpers').User} User */
/** @typedef {import('./api-helpers').Outfit} Outfit */
/** @typedef {import('./api-helpers').Feedback["signal"]} Signal */

const SUGGESTION_COUNT = 6;
/** @type {{ user: User | null, given: Map<string, Signal> }} */
const current = { user: null, given: new Map() };
const SIGNAL_WORDS = /** @type {Record<Signal, string>} */ ({ like: "You liked this", dislike: "You disliked this", wore: "You wore this" });

/** @param {{ id: number }[]} items */
const keyOf = (items) => items.map((i) => i.id).sort((a, b) => a - b).join("-");

function context() {
  const occasion = byId("ctx-occasion");
  const temperature = byId("ctx-temperature", HTMLInputElement).value;
  return {
    occasion: occasion instanceof HTMLSelectElement || occasion instanceof HTMLInputElement ? occasion.value || undefined : undefined,
    temperature_c: temperature === "" ? undefined : Number(temperature),
    rain: byId("ctx-rain", HTMLInputElement).checked,
  };
}

/** Occasion from the API's list when the contract declares one, else free text. */
async function renderOccasionControl() {
  const occasions = await queryEnum("/api/outfits/suggestions", "occasion");
  const slot = byId("ctx-occasion-slot");
  if (occasions) {
    const select = byId("ctx-occasion") instanceof HTMLSelectElement ? byId("ctx-occasion", HTMLSelectElement) : h("select", { id: "ctx-occasion" }, [h("option", { value: "", text: "Any" })]);
    fillSelect(select, occasions);
    slot.replaceChildren(select);
  } else if (!(byId("ctx-occasion") instanceof HTMLInputElement)) {
    slot.replaceChildren(h("input", { id: "ctx-occasion", placeholder: "work, date, wedding…", maxlength: 40 }));
  }
}

/** The hard rules an outfit breaks (only when the wardrobe cannot do better), as a warning. @param {Outfit} outfit */
function brokenRules(outfit) {
  const broken = outfit.broken_rules ?? [];
  if (!broken.length) return null;
  return h("ul", { class: "broken", "aria-label": "Rules this outfit breaks" }, broken.map((r) => h("li", { text: r.message })));
}

/** @param {User} user @param {Outfit} outfit */
function outfitCard(user, outfit) {
  const key = keyOf(outfit.items);
  const given = current.given.get(key);
  const pieces = outfit.items.map((item) => {
    const name = item.name || "item"; // the API's words for it ("black formal shoes"), as the explanation says
    const img = h("img", { alt: name, width: 120, height: 120 });
    showPicture(img, item.thumbnail_url);
    return h("li", {}, [h("a", { href: `#/item/${item.id}` }, [img, h("span", { class: "piece-name", text: label(name) })])]);
  });
  const buttons = /** @type {[Signal, string][]} */ ([["like", "Like"], ["dislike", "Dislike"], ["wore", "Wore it today"]]).map(([signal, text]) =>
    h("button", { type: "button", "data-signal": signal, "aria-pressed": given === signal ? "true" : "false", text }),
  );
  for (const button of buttons) button.addEventListener("click", () => void sendFeedback(user, outfit, /** @type {Signal} */ (button.dataset.signal)));
  return h("li", { class: "outfit", "data-items": key }, [
    h("ul", { class: "pieces", "aria-label": "Pieces" }, pieces),
    h("p", { class: "score" }, [
      h("meter", { min: 0, max: 1, value: outfit.score, "aria-label": "Score" }),
      h("strong", { text: ` ${percent(outfit.score)}` }),
      given ? h("span", { class: "badge", text: SIGNAL_WORDS[given] }) : null,
    ]),
    h("p", { class: "explanation", text: outfit.explanation }),
    brokenRules(outfit),
    h("div", { class: "actions" }, buttons),
  ]);
}

let latestRequest = 0;

/** Asks for suggestions; only the latest request's answer is shown. @param {User} user */
async function suggest(user) {
  const request = ++latestRequest;
  const message = byId("outfits-message");
  const list = byId("outfit-list");
  const wanted = context();
  list.setAttribute("aria-busy", "true");
  message.textContent = "Looking through your wardrobe…";
  try {
    const result = await call("get", "/api/outfits/suggestions", {
      query: { user_id: user.id, count: SUGGESTION_COUNT, ...wanted },
    });
    if (request !== latestRequest) return;
    message.textContent = result.message;
    const short = !result.outfits.length || (result.unmet ?? []).length > 0; // what to add to the wardrobe
    message.className = short ? "missing" : "";
    if (!result.outfits.length && result.missing.length) {
      message.append(" ", h("a", { href: "#/wardrobe", text: "Add photos" }));
    }
    list.replaceChildren(...result.outfits.map((o) => outfitCard(user, o)));
    list.dataset.rain = String(wanted.rain);
    list.dataset.temperature = String(wanted.temperature_c ?? "");
  } catch (error) {
    if (request === latestRequest) message.textContent = messageOf(error);
  } finally {
    if (request === latestRequest) list.removeAttribute("aria-busy");
  }
}

/** @param {User} user @param {Outfit} outfit @param {Signal} signal */
async function sendFeedback(user, outfit, signal) {
  try {
    await call("post", "/api/outfits/feedback", {
      query: { user_id: user.id },
      json: { item_ids: outfit.items.map((i) => i.id), signal, occasion: context().occasion ?? null },
    });
    current.given.set(keyOf(outfit.items), signal);
    toast(`${SIGNAL_WORDS[signal]}: the suggestions below take it into account.`);
    await suggest(user);
  } catch (error) {
    toast(messageOf(error));
  }
}

/** The "rate my outfit" picker: every item, with a checkbox. @param {User} user */
async function renderPicker(user) {
  const items = await loadItems(user);
  const ticked = new Set([...document.querySelectorAll("#rate-items input:checked")].map((b) => /** @type {HTMLInputElement} */ (b).value));
  byId("rate-items").replaceChildren(...items.map((item) => {
    const id = `rate-${item.id}`;
    const img = h("img", { alt: "", width: 64, height: 64 });
    showPicture(img, pictureOf(item));
    const box = h("input", { type: "checkbox", id, value: item.id, checked: ticked.has(String(item.id)) }); // kept if ticked while loading
    return h("li", { "data-category": item.tags.category ?? "" }, [box, h("label", { for: id }, [img, label(describe(item))])]);
  }));
}

/** @param {User} user */
async function rate(user) {
  const picked = [...document.querySelectorAll("#rate-items input:checked")].map((box) => Number(/** @type {HTMLInputElement} */ (box).value));
  const result = byId("rate-result");
  if (!picked.length) {
    result.textContent = "Pick at least one piece first.";
    return;
  }
  try {
    const { occasion, temperature_c, rain } = context();
    const scored = await call("post", "/api/outfits/score", {
      query: { user_id: user.id },
      json: { item_ids: picked, occasion: occasion ?? null, temperature_c: temperature_c ?? null, rain },
    });
    const parts = Object.entries(scored.parts).map(([name, value]) => h("li", { text: `${label(name)}: ${Math.round(value * 100) / 100}` }));
    result.replaceChildren(
      h("p", {}, [h("strong", { text: `${percent(scored.score)} ` }), scored.explanation]),
      brokenRules(scored) ?? "",
      h("details", {}, [h("summary", { text: "How the score was made" }), h("ul", {}, parts)]),
    );
  } catch (error) {
    result.textContent = messageOf(error);
  }
}

/** @param {User} user */
export async function showOutfits(user) {
  current.user = user;
  await renderOccasionControl();
  await Promise.all([suggest(user), renderPicker(user)]);
}

export function setupOutfits() {
  byId("context-form", HTMLFormElement).addEventListener("submit", (event) => {
    event.preventDefault();
    if (current.user) void suggest(current.user);
  });
  byId("rate-button").addEventListener("click", () => current.user && void rate(current.user));
}
