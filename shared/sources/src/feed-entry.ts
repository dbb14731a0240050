/** One entry of a feed in any of the formats the rss adapter reads, as text: what it makes an item of. */
export interface FeedEntry {
  /** Its RSS guid, Atom id or JSON Feed id. */
  guid: string | undefined;
  /** Its link as written, and the address a relative one is relative to. */
  link: string | undefined;
  base: string;
  title: string;
  text: string;
  /** Its date as the feed wrote it. */
  written: string | undefined;
  /** When the feed says it was last modified, as written (Atom's <updated>, JSON Feed's date_modified). */
  modified?: string;
}
