// Entry point: sign-up / sign-in, the section router (#/wardrobe, #/item/7, #/outfits, #/chat, #/account).
import { ApiError, call, forgetImages, session } from "./api.js";
import { byId, messageOf, toast } from "./dom.js";
import { detectMedia, showWardrobe, setupWardrobe } from "./wardrobe.js";
import { showItem, setupItem } from "./item.js";
import { showOutfits, setupOutfits } from "./outfits.js";
import { showChat, setupChat } from "./chat.js";

/** @typedef {import('./api-helpers').User} User */

/** @type {{ user: User | null }} */
export const state = { user: null };

const VIEWS = ["welcome", "token", "wardrobe", "item", "outfits", "chat", "account"];

/** @param {string} name */
function showView(name) {
  for (const view of VIEWS) byId(`view-${view}`).hidden = view !== name;
  for (const link of document.querySelectorAll("#nav a")) {
    const current = link instanceof HTMLElement && link.dataset.section === (name === "item" ? "wardrobe" : name);
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  byId("nav").hidden = !state.user;
}

async function route() {
  const [section, id] = location.hash.replace(/^#\/?/, "").split("/");
  const tokenOnScreen = byId("token-value", HTMLInputElement).value !== "";
  if (section === "token" && tokenOnScreen) {
    showView("token");
    return;
  }
  if (!state.user) {
    showView("welcome");
    return;
  }
  const user = state.user;
  const target = VIEWS.includes(section) && section !== "welcome" && section !== "token" ? section : "wardrobe";
  showView(target);
  if (target === "wardrobe") await showWardrobe(user);
  else if (target === "item") await showItem(user, Number(id));
  else if (target === "outfits") await showOutfits(user);
  else if (target === "chat") await showChat(user);
  else if (target === "account") showAccount(user);
  const heading = document.querySelector(`#view-${target} h1`);
  if (heading instanceof HTMLElement) document.title = `${heading.textContent} · AI Stylist`;
}

/** @param {string} hash */
export function go(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

/** Checks a token against the API and keeps it; a bad token is forgotten. */
async function signIn(/** @type {string} */ token) {
  session.save(token);
  try {
    state.user = await call("get", "/api/users/me");
  } catch (error) {
    session.clear();
    state.user = null;
    throw error;
  }
}

function setupWelcome() {
  const signup = byId("signup-form", HTMLFormElement);
  signup.addEventListener("submit", async (event) => {
    event.preventDefault();
    const username = byId("signup-username", HTMLInputElement).value.trim();
    const preferences = byId("signup-preferences", HTMLTextAreaElement).value.trim();
    try {
      const created = await call("post", "/api/users/", {
        json: { username, style_preferences: preferences || null },
      });
      session.save(created.api_token);
      state.user = await call("get", "/api/users/me");
      byId("token-value", HTMLInputElement).value = created.api_token;
      byId("signup-error").textContent = "";
      signup.reset();
      go("#/token");
    } catch (error) {
      byId("signup-error").textContent = messageOf(error);
    }
  });
  byId("signin-form", HTMLFormElement).addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = byId("signin-token", HTMLInputElement);
    try {
      await signIn(input.value.trim());
      input.value = "";
      byId("signin-error").textContent = "";
      go("#/wardrobe");
    } catch (error) {
      const unknown = error instanceof ApiError && error.status === 401;
      byId("signin-error").textContent = unknown ? "That token is not valid (it may have been replaced)." : messageOf(error);
    }
  });
}

function setupTokenView() {
  byId("token-copy").addEventListener("click", async () => {
    const input = byId("token-value", HTMLInputElement);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      byId("token-copied").textContent = "Copied to the clipboard.";
    } catch {
      byId("token-copied").textContent = "Select the token and copy it (Ctrl+C / ⌘C).";
    }
  });
  byId("token-continue").addEventListener("click", () => {
    byId("token-value", HTMLInputElement).value = ""; // shown once: gone from the page from here on
    byId("token-copied").textContent = "";
    go("#/wardrobe");
  });
}

/** @param {User} user */
function showAccount(user) {
  byId("account-who").textContent = `Signed in as ${user.username} (user ${user.id}).`;
  byId("prefs-text", HTMLTextAreaElement).value = user.style_preferences ?? "";
}

function setupAccount() {
  byId("prefs-form", HTMLFormElement).addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.user) return;
    const text = byId("prefs-text", HTMLTextAreaElement).value.trim();
    try {
      const updated = await call("patch", "/api/users/{user_id}", {
        path: { user_id: state.user.id },
        json: { style_preferences: text || null },
      });
      state.user = { ...state.user, style_preferences: updated.style_preferences };
      byId("prefs-status").textContent = "Saved: the next suggestions use it.";
    } catch (error) {
      byId("prefs-status").textContent = messageOf(error);
    }
  });
  byId("rotate-token").addEventListener("click", async () => {
    if (!state.user || !confirm("Replace your token? Other devices will have to sign in again.")) return;
    try {
      const rotated = await call("post", "/api/users/{user_id}/token", { path: { user_id: state.user.id } });
      session.save(rotated.api_token);
      byId("token-value", HTMLInputElement).value = rotated.api_token;
      go("#/token");
    } catch (error) {
      toast(messageOf(error));
    }
  });
  byId("sign-out").addEventListener("click", () => {
    session.clear();
    state.user = null;
    forgetImages();
    for (const id of ["grid", "upload-list", "outfit-list", "rate-items", "rate-result", "chat-log", "item-tags"]) {
      byId(id).replaceChildren(); // nothing of this wardrobe stays on the page for the next person
    }
    go("#/");
  });
}

async function start() {
  setupWelcome();
  setupTokenView();
  setupAccount();
  setupWardrobe();
  setupItem();
  setupOutfits();
  setupChat();
  await detectMedia().catch(() => {}); // without the contract, thumbnails are shown
  const token = session.token();
  if (token) {
    try {
      await signIn(token);
    } catch (error) {
      toast(`Please sign in again: ${messageOf(error)}`);
    }
  }
  window.addEventListener("hashchange", () => void route().catch((error) => toast(messageOf(error))));
  await route();
  document.body.dataset.ready = "true"; // the browser tests wait for this
}

void start();
