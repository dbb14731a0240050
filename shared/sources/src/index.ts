export { defineAdapter, everythingIsNew, FetchedItemSchema, type Adapter, type AdapterMeta, type FetchContext, type FetchedItem } from './adapter.js';
export { ADAPTERS, adapterOptionChecks, fetchWithAdapter, getAdapter } from './registry.js';
export { canonicalUrl, itemIdFor } from './identity.js';
export { htmlToText } from './html-text.js';
export { createHttpClient, DEFAULT_USER_AGENT, retryAfterMs, type HttpClient, type HttpClientOptions, type HttpResponse } from './http/client.js';
export { decodeBody } from './http/decode.js';
export { classifyStatus, FETCH_ERROR_KINDS, FetchError, type FetchErrorKind } from './http/fetch-error.js';
export { ArticleSelectorsSchema, extractArticle, SelectorSchema, type ArticleSelectors } from './pages.js';
export { readRecording, RecordingSchema, recordingHttpClient, rewriteOrigins, writeRecording, type Recording, type RecordedResponse } from './recording.js';
