// Typed calls to the API: paths, parameters and bodies are checked against the contract (api-types.d.ts).
/** @typedef {import('./api-helpers').Path} Path */
/** @typedef {import('./api-helpers').Method} Method */

const TOKEN_KEY = "stylist.token";

export class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} detail */
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

export const session = {
  /** @returns {string | null} */
  token: () => localStorage.getItem(TOKEN_KEY),
  /** @param {string} token */
  save: (token) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** @returns {Record<string, string>} */
function authHeaders() {
  const token = session.token();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Fills `{name}` segments and appends the query (arrays as repeated keys: item_ids=1&item_ids=9).
 * @param {string} path @param {Record<string, unknown>} [params] @param {Record<string, unknown>} [query]
 */
export function buildUrl(path, params = {}, query = {}) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(params[name])));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, String(one));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/** @param {Response | XMLHttpRequest} response @param {string} text */
function errorFrom(response, text) {
  try {
    const body = JSON.parse(text);
    return new ApiError(response.status, body.error ?? "error", body.detail ?? response.statusText);
  } catch {
    return new ApiError(response.status, "error", text || response.statusText);
  }
}

/**
 * @template {Path} P
 * @template {import('./api-helpers').MethodOf<P>} M
 * @param {M} method
 * @param {P} path
 * @param {import('./api-helpers').Request<P, M>} [request]
 * @returns {Promise<import('./api-helpers').OkOf<P, M>>}
 */
export async function call(method, path, request = {}) {
  /** @type {RequestInit} */
  const init = { method: method.toUpperCase(), headers: { ...authHeaders() } };
  if (request.json !== undefined) {
    init.headers = { ...init.headers, "Content-Type": "application/json" };
    init.body = JSON.stringify(request.json);
  }
  const response = await fetch(buildUrl(path, request.path, request.query), init);
  const text = await response.text();
  if (!response.ok) throw errorFrom(response, text);
  return text ? JSON.parse(text) : /** @type {any} */ (undefined);
}

/**
 * Uploads one photo with upload progress (fetch cannot report it); resolves with the created item.
 * @param {number} userId @param {File} file @param {(fraction: number) => void} onProgress
 * @returns {Promise<import('./api-helpers').Uploaded>}
 */
export function uploadPhoto(userId, file, onProgress) {
  /** @type {keyof import('./api-helpers').MultipartOf<"/api/images/upload", "post">} */
  const field = "file";
  /** @type {Path} */
  const path = "/api/images/upload";
  const form = new FormData();
  form.append(field, file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", buildUrl(path, {}, { user_id: userId }));
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve(JSON.parse(xhr.responseText))
        : reject(errorFrom(xhr, xhr.responseText));
    xhr.onerror = () => reject(new ApiError(0, "network", "The server could not be reached."));
    xhr.send(form);
  });
}

/** @type {Map<string, Promise<string>>} */
const blobUrls = new Map();

/**
 * Image routes need the token, which an <img src> cannot send: fetch once, show as a blob: URL.
 * @param {string} url
 */
export function imageUrl(url) {
  let cached = blobUrls.get(url);
  if (!cached) {
    cached = fetch(url, { headers: authHeaders() }).then(async (response) => {
      if (!response.ok) throw new ApiError(response.status, "image", `Image ${url} answered ${response.status}`);
      return URL.createObjectURL(await response.blob());
    });
    cached.catch(() => blobUrls.delete(url));
    blobUrls.set(url, cached);
  }
  return cached;
}

/** Forget cached pictures (after a sign-out, or when an item is deleted). @param {string} [prefix] */
export function forgetImages(prefix = "") {
  for (const [url, promise] of blobUrls) {
    if (!url.startsWith(prefix)) continue;
    promise.then((blob) => URL.revokeObjectURL(blob)).catch(() => {});
    blobUrls.delete(url);
  }
}

/**
 * Streams an answer (Server-Sent Events over a POST, so the token travels in a header).
 * @param {number} userId @param {string} question @param {(text: string) => void} onChunk
 * @returns {Promise<import('./api-helpers').Conversation>}
 */
export async function streamAnswer(userId, question, onChunk) {
  /** @type {import('./api-helpers').JsonBodyOf<"/api/conversations/stream", "post">} */
  const body = { user_id: userId, question };
  /** @type {Path} */
  const path = "/api/conversations/stream";
  const response = await fetch(path, {
    method: "POST",
    headers: { ...authHeaders(), "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body) throw errorFrom(response, await response.text());
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.name === "chunk") onChunk(event.data.text);
      else if (event.name === "done") return event.data;
      else if (event.name === "error") throw new ApiError(500, event.data.error, event.data.detail);
    }
  }
  throw new ApiError(0, "stream", "The answer stopped before it was complete; ask again.");
}

/** @param {string} block @returns {{name: string, data: any}} */
function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) name = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
  }
  return { name, data: data.length ? JSON.parse(data.join("\n")) : null };
}
