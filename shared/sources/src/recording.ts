import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { HttpClient, HttpResponse } from './http/client.js';

/** One response as the source served it (body after content-encoding, before charset decoding). */
export const RecordedResponseSchema = z.object({
  url: z.url(),
  status: z.number().int(),
  headers: z.record(z.string(), z.string()),
  /** UTF-8 text when the bytes are valid UTF-8, else base64 (windows-1256 pages, gzipped sitemaps). */
  encoding: z.enum(['utf8', 'base64']),
  body: z.string(),
});
export type RecordedResponse = z.infer<typeof RecordedResponseSchema>;

/** A source's responses, saved by `marsad fixtures record`, replayed offline by its contract test. */
export const RecordingSchema = z.object({
  /** The source entry, as in the sources file. */
  source: z.looseObject({ id: z.string(), adapter: z.string(), url: z.url() }),
  recordedAt: z.string(),
  responses: z.array(RecordedResponseSchema),
});
export type Recording = z.infer<typeof RecordingSchema>;

export function readRecording(file: string | URL): Recording {
  return RecordingSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function writeRecording(file: string, recording: Recording): void {
  writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
}

/** Every response `http` gives is also kept in `responses`, in the order asked. */
export function recordingHttpClient(http: HttpClient): { http: HttpClient; responses: RecordedResponse[] } {
  const responses: RecordedResponse[] = [];
  return {
    responses,
    http: {
      async get(url, headers) {
        const response = await http.get(url, headers);
        responses.push(toRecorded(response));
        return response;
      },
      close: () => http.close(),
    },
  };
}

const KEPT_HEADERS = ['content-type', 'etag', 'last-modified'];

function toRecorded(response: HttpResponse): RecordedResponse {
  const utf8 = response.body.toString('utf8');
  const isUtf8 = Buffer.from(utf8, 'utf8').equals(response.body);
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (response.headers[name] ? [[name, response.headers[name]!]] : [])));
  return isUtf8
    ? { url: response.url, status: response.status, headers, encoding: 'utf8', body: utf8 }
    : { url: response.url, status: response.status, headers, encoding: 'base64', body: response.body.toString('base64') };
}

/** The body's bytes with every link to a recorded origin pointing at its replacement (JSON-escaped ones too). */
export function rewriteOrigins(body: Buffer, origins: ReadonlyMap<string, string>): Buffer {
  let text = body.toString('latin1'); // byte-preserving: origins are ASCII, the rest passes through untouched
  for (const [from, to] of origins) {
    text = text.replaceAll(from, to).replaceAll(from.replaceAll('/', '\\/'), to.replaceAll('/', '\\/'));
  }
  return Buffer.from(text, 'latin1');
}
