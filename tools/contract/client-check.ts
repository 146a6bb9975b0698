// Type-checked only (tsc --noEmit): a client written against the generated types, one call per route group,
// with no cast. If the contract loses a route, a field or a file type, this stops compiling.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

type ErrorCode = components["schemas"]["ErrorCode"];
type Occasion = components["schemas"]["Occasion"];

const api = createClient<paths>({ baseUrl: "http://127.0.0.1:8000" });

function explain(code: ErrorCode): string {
  switch (code) {
    case "not_found":
      return "gone";
    case "conflict":
      return "already there";
    case "rate_limited":
      return "wait";
    default:
      return code;
  }
}

export async function wholeFlow(photo: Blob): Promise<string[]> {
  const seen: string[] = [];
  const created = await api.POST("/api/users/", { body: { username: "ana", style_preferences: "navy" } });
  if (!created.data) return [explain(created.error.error)];
  const { id: userId, api_token: token } = created.data;
  const headers = { Authorization: `Bearer ${token}` };

  const uploaded = await api.POST("/api/images/upload", {
    params: { query: { user_id: userId } },
    body: { file: photo },
    bodySerializer: (body) => {
      const form = new FormData();
      form.append("file", body.file);
      return form;
    },
    headers,
  });
  if (!uploaded.data) return [explain(uploaded.error.error)];
  const item = uploaded.data;
  seen.push(item.tags.category ?? "unclassified", ...item.near_duplicates.map((d) => String(d.id)));

  const listed = await api.GET("/api/images/{user_id}", { params: { path: { user_id: userId } }, headers });
  seen.push(String(listed.data?.length ?? 0));
  await api.PATCH("/api/images/{user_id}/{image_id}", {
    params: { path: { user_id: userId, image_id: item.id } },
    body: { category: "top", pattern: "striped" },
    headers,
  });
  const thumbnail = await api.GET("/api/images/{user_id}/{image_id}/thumbnail", {
    params: { path: { user_id: userId, image_id: item.id } },
    parseAs: "blob",
    headers,
  });
  seen.push(String(thumbnail.data?.size ?? 0));

  const asked = await api.POST("/api/conversations/", {
    params: { query: { user_id: userId, question: "What goes with navy?" } },
    headers,
  });
  seen.push(asked.data?.intent ?? "no intent", ...(asked.data?.referenced_item_ids ?? []).map(String));
  await api.GET("/api/conversations/{user_id}", { params: { path: { user_id: userId } }, headers });

  const occasion: Occasion = "work";
  const suggested = await api.GET("/api/outfits/suggestions", {
    params: { query: { user_id: userId, occasion, season: "winter", rain: true } },
    headers,
  });
  seen.push(suggested.data?.message ?? "");
  const scored = await api.POST("/api/outfits/score", {
    params: { query: { user_id: userId } },
    body: { item_ids: [item.id], occasion },
    headers,
  });
  seen.push(String(scored.data?.score ?? 0));
  const feedback = await api.POST("/api/outfits/feedback", {
    params: { query: { user_id: userId } },
    body: { item_ids: [item.id], signal: "wore" },
    headers,
  });
  seen.push(feedback.data?.signal ?? explain(feedback.error?.error ?? "internal_error"));
  await api.GET("/api/conversations/match-styles/", { params: { query: { user_id: userId } }, headers });

  const me = await api.GET("/api/users/me", { headers });
  seen.push(me.data?.username ?? "");
  const health = await api.GET("/health/ready");
  seen.push(health.data?.status ?? "");
  return seen;
}
