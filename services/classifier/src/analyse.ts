import type { Analysis, RawItem } from '@marsad/queues';
import { detectLanguage } from '@marsad/text';

/**
 * What the classifier knows of an item. Language comes from the title and text together (a title
 * alone is often too short). Copies and tags are the text-analysis issue's to add here.
 */
export function analyseItem(item: RawItem): Analysis {
  const { language, arabic } = detectLanguage(`${item.title}\n${item.text}`);
  return { language, arabic, duplicateOf: null, similarity: null, storyId: item.id, tags: [] };
}
