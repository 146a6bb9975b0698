// The wardrobe: uploads (drop, picker, camera) with per-file progress and result, a filtered thumbnail grid.
import { ApiError, call, imageUrl, uploadPhoto } from "./api.js";
import { byId, fillSelect, h, label, messageOf, swatch } from "./dom.js";
import { correctionFields, offers, queryEnum } from "./vocabulary.js";

/** @typedef {import('./api-helpers').Item} Item */
/** @typedef {import('./api-helpers').User} User */

const PAGE = 500;
const PARALLEL_UPLOADS = 2;
/** @type {{ user: User | null, items: Item[] }} */
const wardrobe = { user: null, items: [] };

/** Every item of the user (pages of 500). @param {User} user */
export async function loadItems(user) {
  /** @type {Item[]} */
  const items = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await call("get", "/api/images/{user_id}", {
      path: { user_id: user.id },
      query: { limit: PAGE, offset },
    });
    items.push(...page);
    if (page.length < PAGE) return items;
  }
}

const CUTOUT_ROUTE = "/api/images/{user_id}/{image_id}/cutout";
const media = { cutouts: false };

/** Asks the contract once whether cut-outs exist (before any picture is shown). */
export async function detectMedia() {
  media.cutouts = await offers(CUTOUT_ROUTE);
}

/** The picture to show for an item: the garment cut out of its photo when the API offers it, else the thumbnail. */
export function pictureOf(/** @type {Item} */ item) {
  const cutout = /** @type {Record<string, unknown>} */ (item).cutout_url;
  if (typeof cutout === "string") return cutout;
  return media.cutouts ? `/api/images/${item.user_id}/${item.id}/cutout` : item.thumbnail_url;
}

/** "black formal shoes": the server's display name, as outfit items carry (not built from raw tags). @param {{ name: string }} item */
export function describe(item) {
  return item.name;
}

/** @param {HTMLImageElement} img @param {string} url */
export function showPicture(img, url) {
  imageUrl(url)
    .then((src) => (img.src = src))
    .catch(() => img.classList.add("broken"));
}

/** @param {User} user */
export async function showWardrobe(user) {
  wardrobe.user = user;
  wardrobe.items = await loadItems(user);
  await fillFilters();
  renderGrid();
}

async function fillFilters() {
  const fields = await correctionFields();
  const slots = fields.category ?? unique(wardrobe.items.map((i) => i.tags.category));
  fillSelect(byId("filter-slot", HTMLSelectElement), slots);
  fillSelect(byId("filter-colour", HTMLSelectElement), unique(wardrobe.items.flatMap(colourFamilies)).sort());
  const seasons = (await queryEnum("/api/outfits/suggestions", "season")) ?? unique(wardrobe.items.flatMap(seasonsOf));
  fillSelect(byId("filter-season", HTMLSelectElement), seasons);
}

/** @param {(string | null | undefined)[]} values @returns {string[]} */
const unique = (values) => [...new Set(values.filter((v) => typeof v === "string" && v))].map(String);

/** @param {Item} item @returns {string[]} */
function colourFamilies(item) {
  return (item.tags.colors ?? []).map((c) => c.family);
}

/** @param {Item} item @returns {string[]} */
export function seasonsOf(item) {
  const seasons = /** @type {Record<string, unknown>} */ (item.tags).seasons;
  return Array.isArray(seasons) ? seasons.map(String) : [];
}

function matchesFilters(/** @type {Item} */ item) {
  const slot = byId("filter-slot", HTMLSelectElement).value;
  const colour = byId("filter-colour", HTMLSelectElement).value;
  const season = byId("filter-season", HTMLSelectElement).value;
  return (
    (!slot || item.tags.category === slot) &&
    (!colour || colourFamilies(item).includes(colour)) &&
    (!season || seasonsOf(item).includes(season))
  );
}

function renderGrid() {
  const shown = wardrobe.items.filter(matchesFilters);
  const total = wardrobe.items.length;
  byId("wardrobe-count").textContent = total
    ? `${shown.length} of ${total} item${total === 1 ? "" : "s"} shown.`
    : "Your wardrobe is empty: add a few photos to start.";
  byId("grid").replaceChildren(...shown.map(card));
}

/** @param {Item} item */
function card(item) {
  const img = h("img", { alt: describe(item), loading: "lazy", width: 160, height: 160 });
  showPicture(img, pictureOf(item));
  const swatches = (item.tags.colors ?? []).slice(0, 3).map((c) =>
    h("span", { class: "chip colour" }, [swatch(c.hex), c.name]),
  );
  return h("li", { class: "tile" }, [
    h("a", { href: `#/item/${item.id}`, "data-item-id": item.id }, [
      img,
      h("span", { class: "chips" }, [h("span", { class: "chip type", text: label(item.tags.type) }), ...swatches]),
    ]),
  ]);
}

/** One row per file: name, progress bar, then the result. @param {File} file */
function uploadRow(file) {
  const progress = h("progress", { max: 1, value: 0, "aria-label": `Uploading ${file.name}` });
  const result = h("span", { class: "result", text: "Waiting…" });
  const row = h("li", { class: "upload" }, [h("span", { class: "name", text: file.name }), progress, result]);
  byId("upload-list").prepend(row);
  return { row, progress, result };
}

/** @param {User} user @param {File} file */
async function uploadOne(user, file) {
  const { row, progress, result } = uploadRow(file);
  result.textContent = "Uploading…";
  try {
    const item = await uploadPhoto(user.id, file, (fraction) => (progress.value = fraction));
    progress.value = 1;
    const twin = item.near_duplicates?.[0];
    row.dataset.outcome = "created";
    result.textContent = `Added: ${describe(item)}${twin ? ` (looks like item ${twin.id} you already have)` : ""}`;
    wardrobe.items.unshift(item);
  } catch (error) {
    const duplicate = error instanceof ApiError && error.status === 409;
    row.dataset.outcome = duplicate ? "duplicate" : "rejected";
    result.textContent = duplicate ? "Already in your wardrobe (same photo)" : `Rejected: ${messageOf(error)}`;
  }
}

/** Uploads a few at a time so each file's progress means something. @param {File[]} files */
async function uploadAll(files) {
  const user = wardrobe.user;
  if (!user || !files.length) return;
  const queue = [...files];
  const workers = Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, async () => {
    for (let file = queue.shift(); file; file = queue.shift()) await uploadOne(user, file);
  });
  await Promise.all(workers);
  await fillFilters();
  renderGrid();
}

export function setupWardrobe() {
  for (const id of ["file-input", "camera-input"]) {
    const input = byId(id, HTMLInputElement);
    input.addEventListener("change", () => {
      void uploadAll([...(input.files ?? [])]);
      input.value = "";
    });
  }
  const zone = byId("dropzone");
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    void uploadAll([...(event.dataTransfer?.files ?? [])]);
  });
  byId("filters", HTMLFormElement).addEventListener("change", renderGrid);
}
