// Chat with the stylist: the answer streams in (SSE); the items it names appear as thumbnails; history.
import { call, streamAnswer } from "./api.js";
import { byId, h, label, messageOf } from "./dom.js";
import { describe, loadItems, pictureOf, showPicture } from "./wardrobe.js";

/** @typedef {import('./api-helpers').User} User */
/** @typedef {import('./api-helpers').Conversation} Conversation */
/** @typedef {import('./api-helpers').Item} Item */

const HISTORY = 20;
/** @type {{ user: User | null, items: Map<number, Item>, busy: boolean }} */
const current = { user: null, items: new Map(), busy: false };

/** Thumbnails of the items an answer names, each opening the item. @param {number[]} ids */
function namedItems(ids) {
  const known = ids.map((id) => current.items.get(id)).filter((i) => i !== undefined);
  if (!known.length) return null;
  return h("ul", { class: "named", "aria-label": "Items in this answer" }, known.map((item) => {
    const img = h("img", { alt: describe(item), width: 72, height: 72 });
    showPicture(img, pictureOf(item));
    return h("li", {}, [h("a", { href: `#/item/${item.id}`, title: label(describe(item)) }, [img])]);
  }));
}

/** @param {string} question */
function turn(question) {
  const answer = h("p", { class: "answer" });
  const figure = h("div", { class: "answer-items" });
  const entry = h("li", { class: "turn" }, [
    h("p", { class: "question" }, [h("span", { class: "visually-hidden", text: "You: " }), question]),
    h("div", { class: "reply" }, [h("span", { class: "visually-hidden", text: "Stylist: " }), answer, figure]),
  ]);
  byId("chat-log").append(entry);
  return { entry, answer, figure };
}

/** @param {Conversation} conversation */
function showPast(conversation) {
  const { answer, figure } = turn(conversation.question);
  answer.textContent = conversation.answer;
  figure.replaceChildren(namedItems(conversation.referenced_item_ids ?? []) ?? "");
}

/** @param {User} user */
export async function showChat(user) {
  current.user = user;
  const input = byId("chat-question", HTMLInputElement);
  input.disabled = true; // until the history is on the page, so a new question is not wiped by it
  try {
    const [items, history] = await Promise.all([
      loadItems(user),
      call("get", "/api/conversations/{user_id}", { path: { user_id: user.id }, query: { limit: HISTORY } }),
    ]);
    current.items = new Map(items.map((i) => [i.id, i]));
    byId("chat-log").replaceChildren();
    for (const conversation of [...history].reverse()) showPast(conversation); // oldest first, like a chat
  } finally {
    input.disabled = false;
    input.focus();
  }
}

async function ask(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  const input = byId("chat-question", HTMLInputElement);
  const question = input.value.trim();
  if (!current.user || !question || current.busy) return;
  current.busy = true;
  input.value = "";
  const { entry, answer, figure } = turn(question);
  entry.setAttribute("aria-busy", "true");
  try {
    const done = await streamAnswer(current.user.id, question, (text) => (answer.textContent += text));
    answer.textContent = done.answer;
    figure.replaceChildren(namedItems(done.referenced_item_ids ?? []) ?? "");
  } catch (error) {
    answer.textContent = `Sorry, no answer: ${messageOf(error)}`;
  } finally {
    entry.removeAttribute("aria-busy");
    current.busy = false;
    entry.scrollIntoView({ block: "nearest" });
  }
}

export function setupChat() {
  byId("chat-form", HTMLFormElement).addEventListener("submit", (event) => void ask(event));
}
