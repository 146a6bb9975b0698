// Type utilities over the generated contract (api-types.d.ts, from docs/openapi.json by openapi-typescript).
// No request or response shape is written by hand: every one is looked up by path and method.
import type { paths } from "./api-types";

export type Path = keyof paths;
export type Method = "get" | "post" | "patch" | "delete";
export type MethodOf<P extends Path> = {
  [M in Method]: paths[P][M] extends undefined | never ? never : M;
}[Method];
type Op<P extends Path, M extends Method> = NonNullable<paths[P][M]>;
type ParamsOf<P extends Path, M extends Method> = Op<P, M> extends { parameters: infer X } ? X : never;
type Part<X, K extends string> = X extends { [k in K]?: infer V } ? NonNullable<V> : never;

export type QueryOf<P extends Path, M extends Method> = Part<ParamsOf<P, M>, "query">;
export type PathParamsOf<P extends Path, M extends Method> = Part<ParamsOf<P, M>, "path">;
type Body<P extends Path, M extends Method> =
  Op<P, M> extends { requestBody?: { content: infer C } } ? NonNullable<C> : never;
export type JsonBodyOf<P extends Path, M extends Method> =
  Body<P, M> extends { "application/json": infer B } ? B : never;
export type MultipartOf<P extends Path, M extends Method> =
  Body<P, M> extends { "multipart/form-data": infer B } ? B : never;

type Responses<P extends Path, M extends Method> = Op<P, M> extends { responses: infer R } ? R : never;
type Success<R> = R extends { 200: infer S } ? S : R extends { 201: infer S } ? S : R extends { 204: infer S } ? S : never;
type JsonOf<S> = S extends { content: { "application/json": infer J } } ? J : undefined;
/** The JSON body of the success response (undefined for 204). */
export type OkOf<P extends Path, M extends Method> = JsonOf<Success<Responses<P, M>>>;

export type Request<P extends Path, M extends Method> = {
  path?: PathParamsOf<P, M>;
  query?: QueryOf<P, M>;
  json?: JsonBodyOf<P, M>;
};

// Shapes the app passes around, named once, all derived from the contract.
export type User = OkOf<"/api/users/me", "get">;
export type Item = OkOf<"/api/images/{user_id}/{image_id}", "get">;
export type Uploaded = OkOf<"/api/images/upload", "post">;
export type Correction = JsonBodyOf<"/api/images/{user_id}/{image_id}", "patch">;
export type OutfitList = OkOf<"/api/outfits/suggestions", "get">;
export type Outfit = OutfitList["outfits"][number];
export type SuggestQuery = QueryOf<"/api/outfits/suggestions", "get">;
export type Feedback = JsonBodyOf<"/api/outfits/feedback", "post">;
export type Conversation = OkOf<"/api/conversations/", "post">;
