import type { Redis } from '@marsad/queues';
import { BOILERPLATE_ARTICLES, BRIDGED_GAP, PAIRED_GAP, COPIES_POSTED, POSTING_SHINGLES, COPY_TEXT_THRESHOLD, COPY_THRESHOLD, COVERAGE_SAMPLES, FACT_CONTEXT_SAMPLES, FACT_SAMPLES, FACT_SLOTTED_SAMPLES, FACTS_CHANGED, FACTS_KEPT, MIN_COPIED_WORDS, MIN_FRESH_WORDS, MIN_WORDS_BESIDES_OUTLET_TEXT, OUTLET_STORY_SHARE, QUOTED_BOILERPLATE, SAME_PASSAGE_MARGIN, SAMPLE_BITS, SHINGLE_SIZE, smallestExcept, sortedLookup, WHOLE_ITEM_SHARE, type Sketch } from '@marsad/text';

/**
 * One atomic step in Redis: find the articles the new one may copy (through the index's postings),
 * estimate how much of each it reproduces (sampled coverage), and file it: as an original when it
 * copies none, else as a copy under the story it copies. Two classifier replicas handling two copies
 * of one new story at the same moment are serialised by Redis, so exactly one of them keeps it as the
 * original.
 *
 * Keys: every key is `<prefix>:v3:...` with prefix a Redis Cluster hash tag, so one slot holds them all.
 *   <p>:v3:seq                    article numbers
 *   <p>:v3:doc:<n>                an article: "kind|storyId|id|words|" + samples (ids escaped: storedId; 3 bytes each; a
 *                                 reference's, one per word), kind 1 for
 *                                 a reference, 0 an original item, 2 a copy; an item quoting a reference
 *                                 has "words:ownWords|" and its own words' samples after the others (see
 *                                 sketchOf's quoted), then its facts' (Sketch.facts; "+" after the words when
 *                                 their slots are filed, "*" their slots and values; "=" last when an item of
 *                                 SHORT_ITEM_WORDS or fewer has a sample per word); one with news formulas, ";" and a 0/1 flag per sample
 *                                 after the words (Sketch.formula); "id@published" (epoch seconds) for
 *                                 an item whose publication time was known; an item's expires exactly
 *                                 one window after it was filed
 *   <p>:v3:longest:<item>         the words of an item's longest revision filed (expires with the window):
 *                                 a shorter one filed after it is overtaken, as in the store
 *   <p>:v3:pairs:<n>              a reference's word pairs (Sketch.pairs), 3 bytes each, in text order
 *   <p>:v3:ref:p, <p>:v3:ref:i    the reference articles' postings and ids (one hash each: references are
 *                                 few, and one HMGET asks about every lookup shingle at once); ref:p
 *                                 also holds "~", a long value that keeps it a hash table
 *   <p>:v3:ref:n, <p>:v3:ref:d    the references' article numbers (a set), and each one's digest as last
 *                                 loaded (a hash): an edited or removed reference is noticed at load
 *   <p>:v3:<gen>:p:<shard>        hash: shingle (4 bytes) -> article numbers, space separated (a copy's
 *                                 with a "c" before it), or "*" once the shingle is boilerplate (filed by
 *                                 that many originals: copies do not count, so one story's pickups never
 *                                 make its text boilerplate, while a phrase many originals share is no
 *                                 sign of copying)
 *   <p>:v3:<gen>:i:<shard>        hash: item id -> story id, or "story|copied|coverage" for a copy,
 *                                 "story|||superseded|coverage" for an original that took its story
 *                                 over (re-delivery answers the same)
 *   <p>:v3:<gen>:f                bitmap: one bit per shingle that may have postings in the generation
 *   <p>:v3:<gen>:b                counters (2 bits each, up to 4 MB): per sample value (a shingle's top
 *                                 bits), how many originals filed in the generation hold it as their
 *                                 own text (not what an item quotes from a reference, Sketch.counted,
 *                                 nor a passage it shares with an earlier item, counted in :q), up to
 *                                 BOILERPLATE_ARTICLES: a sample of an item all of whose values are that
 *                                 common is boilerplate, neither text to reproduce nor reproduced (as in
 *                                 MemoryCopyIndex), and an item is filed under its smallest shingles
 *                                 that are not
 *   <p>:v3:<gen>:q                counters (3 bits each, up to 6 MB): per sample value, how many originals
 *                                 hold it as a passage they took from, or share with, an earlier item
 *                                 (a quote, another event's house style: MemoryCopyIndex's borrowed and
 *                                 houseStyle), up to seven: with those holding it as their own text,
 *                                 QUOTED_BOILERPLATE (8) make it boilerplate
 * <gen> is a time generation whose keys expire a window after it ends; a lookup searches the generations
 * that can hold an article filed within the window. Every redis.call costs about a microsecond, so the
 * layout keeps the calls per article few: a lookup reads a generation's postings only for the shingles its
 * bitmap marks (about 40 calls for an original). Most of an original's time is counting its values
 * (one BITFIELD INCRBY each, some 450 for a 450-word article), whose offsets the client writes.
 * v3 compares SAMPLE_BITS (24) bits of a shingle where v2 compared 16: an index filed by v2 is not
 * read (its items expire with their window; its references are deleted when v3 loads them).
 */
const VERSION = 'v3';
/** Bytes of one sample, and of one value of a lookup's `contains`: the three the script's sampleAt reads. */
const SAMPLE_BYTES = 3;
if (SAMPLE_BITS !== SAMPLE_BYTES * 8) throw new Error(`the shared index reads ${SAMPLE_BYTES * 8}-bit samples, text analysis makes ${SAMPLE_BITS}-bit ones`);
/**
 * How much earlier than an original item an article that copies it must have been published to be
 * taken for the story's original: feeds round their times, and some state them in the wrong zone
 * by whole hours, which this does not try to guess.
 */
export const SUPERSEDE_MARGIN_SECONDS = 60;
/** A publication time further ahead than this is a feed's mistake, not a time to compare. */
const FUTURE_TOLERANCE_SECONDS = 86_400;

/** A reference's words read first, one in this many, to pass over articles far from copying it. */
const QUICK_STRIDE = 4;
/** References shorter than this are read whole at once. */
const QUICK_MIN_WORDS = 64;

/** Sample values counted by one BITFIELD call when an original is filed. */
const COUNTED_PER_CALL = 1000;

/** Longer than any hash-max-listpack-value a server would be given (default 64). */
const REF_TABLE_MARKER_BYTES = 1024;

const CHECK_AND_INSERT = `
local p, id, now, window, genLen = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
-- words: the article's words, "words:ownWords" for an item quoting a reference, and ";flags" after
-- either when news formulas hold some of its samples, "*" or "+" when it has facts, "=" when it is
-- sampled at every word (as filed; see wordsField)
local isRef, words, threshold, minWords = ARGV[6] == '1', ARGV[7], tonumber(ARGV[8]), tonumber(ARGV[9])
-- Of its words, those it quotes from the references (its words less its own, when it quotes).
local newWordCount, newOwnCount = string.match(words, '^(%d+):?(%d*)')
local newQuoted = newOwnCount ~= '' and tonumber(newWordCount) - tonumber(newOwnCount) or 0
local lookup, postings, contains, samples = ARGV[10], ARGV[11], ARGV[12], ARGV[13]
local shards, samplesPer, boilerplate, idShards = tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16]), tonumber(ARGV[17])
-- Each lookup shingle's and each posting's bit in the filters, in decimal, space separated (the client
-- pays for every argument it sends, and number-to-text is dearer in Lua).
local lookupBits, postingBits = ARGV[18], ARGV[19]
-- The share of a filed article's words beyond its news formulas a copy must also reproduce.
local textThreshold = tonumber(ARGV[20]) or 0
-- When the article was published (epoch seconds; 0 unknown): one that copies an original item
-- published later than itself is that story's original (see SUPERSEDE_MARGIN_SECONDS).
local published, supersedeMargin = tonumber(ARGV[21]) or 0, tonumber(ARGV[22]) or 0
-- Its outlet's boilerplate among its shingles (OutletBoilerplate), samples as in contains: not counted as
-- reproducing an earlier item that has ${MIN_WORDS_BESIDES_OUTLET_TEXT} words besides it (one that has not is that text itself).
local outletBytes = ARGV[23] or ''
-- Word pairs (Sketch.pairs), samples as in contains: a reference's in text order, filed with it; an
-- item's, the set a reference's longer runs of unreproduced words are read against (bridgeGaps' kept).
local pairBytes = ARGV[24] or ''
-- The BITFIELD type of the counts of originals per sample value (each generation's :b), wide enough
-- to count to boilerplate: a phrase that many originals hold is nobody's text (BOILERPLATE_ARTICLES).
local counter = ARGV[25]
-- Where each of its distinct sample values' counter starts in :b (bits, in decimal, space separated):
-- written by the client, since a number made text in Lua, or given to redis.call, costs as much as
-- the BITFIELD that counts it.
local counterOffsets = ARGV[26] or ''
-- The slots its facts fill (Sketch.slots), 3 bytes each.
local slotBytes = ARGV[27] or ''
-- What its facts state (Sketch.values), 3 bytes each.
local valueBytes = ARGV[28] or ''
-- What originals hold that each took from, or shares with, an earlier item it reproduces a passage of
-- (a quote, another event's house style) is counted apart, in :q (BITFIELD type quotedCounter): such a
-- phrase is boilerplate once quotedBoilerplate originals hold it, counted either way (QUOTED_BOILERPLATE).
-- News formulas (formulaOffsets, as counterOffsets) are nobody's passage, always counted in :b.
local quotedBoilerplate, quotedCounter, formulaOffsets = tonumber(ARGV[29]) or boilerplate, ARGV[30] or counter, ARGV[31] or ''
-- A revision's item (its id as filed before: "<item>%r<digest>" is the revision's): no article of the
-- item's own, earlier text or revision, nor any copy of them (filed under their story), is a candidate.
-- The new text holds the old: it would always be taken for a copy of itself.
local revises = ARGV[32] or ''
local byte, sub, gmatch = string.byte, string.sub, string.gmatch

local root = p .. ':${VERSION}:'
local refKey = root .. 'ref'
local current = math.floor(now / genLen)
local gens = {}
for g = math.floor((now - window) / genLen), current do gens[#gens + 1] = root .. g end
-- As text once: a number given to redis.call is formatted again on every call.
local expireAt = string.format('%d', (current + 1) * genLen + window)

local function shardOfShingle(s, i) return (byte(s, i + 2) * 256 + byte(s, i + 3)) % shards end
-- A sample (the top ${SAMPLE_BITS} bits of a shingle) as a number: its bytes, big-endian.
local function sampleAt(s, i)
  local b1, b2, b3 = byte(s, i, i + 2)
  return (b1 * 256 + b2) * 256 + b3
end
-- A string of samples (3 bytes each) as a set, made where first asked about.
local function sampleSet(s)
  local set = {}
  for i = 1, #s, ${SAMPLE_BYTES} do set[sampleAt(s, i)] = true end
  return set
end
local function shardOfId(text)
  local h = 0
  for i = 1, #text do h = (h * 31 + byte(text, i)) % 2147483647 end
  return h % idShards
end

-- A lookup asks the references' postings about every shingle at once; kept as a small listpack, that
-- hash would be scanned end to end for each of them. A value longer than hash-max-listpack-value
-- makes it a hash table for good, where each field is found directly.
if isRef then redis.call('HSETNX', refKey .. ':p', '~', string.rep('~', ${REF_TABLE_MARKER_BYTES})) end

-- Seen before (a re-delivered job, a re-loaded reference): the same answer, nothing filed twice.
local idShard = shardOfId(id)
local story = redis.call('HGET', refKey .. ':i', id)
if story then return { 'known', story, '', '0' } end
for _, gen in ipairs(gens) do
  story = redis.call('HGET', gen .. ':i:' .. idShard, id)
  if story then
    -- "story" for an original, "story|copied|coverage" for a copy, "story|||superseded|coverage" for
    -- an original that took its story over from an item classified before it
    local storyId, copied, coverage, superseded, supersededCoverage = string.match(story, '^([^|]*)|([^|]*)|([^|]*)|?([^|]*)|?(.*)$')
    if storyId and superseded ~= '' then return { 'known', storyId, '', '0', '0', superseded, supersededCoverage } end
    if storyId then return { 'known', storyId, copied, coverage } end
    return { 'known', story, '', '0' }
  end
end

-- The candidates by judgeCopy's tier as their postings tell it (a reference's come from ref:p, a copy's
-- entry starts with "c"), each in the order met: [1] copies, [2] original items, [3] references.
local candidates, met = { {}, {}, {} }, {}
local function collect(list, phase)
  if list and list ~= '*' then
    for c, n in gmatch(list, '(c?)(%d+)') do
      if not met[n] then
        met[n] = true
        local listed = candidates[phase or (c == '' and 2 or 1)]
        listed[#listed + 1] = n
      end
    end
  end
end
-- The postings this article would extend, as read by the lookup (postings are its smallest shingles,
-- so they are among the lookup's): filing it then needs no second read.
local own = isRef and refKey or gens[#gens]
local ownLists = {}
local shingles = {}
for i = 1, #lookup, 4 do shingles[#shingles + 1] = sub(lookup, i, i + 3) end
if #shingles > 0 then
  for k, list in ipairs(redis.call('HMGET', refKey .. ':p', unpack(shingles))) do
    collect(list, 3)
    if isRef then ownLists[shingles[k]] = list end
  end
end
-- Each generation has a filter: one bit per shingle (its hash's low filterBits bits) set with every
-- posting, so one BITFIELD tells which of the 48 shingles may have one, and only those are read.
local getBits = {}
for bit in gmatch(lookupBits, '%d+') do getBits[#getBits + 1] = 'GET'; getBits[#getBits + 1] = 'u1'; getBits[#getBits + 1] = bit end
for _, gen in ipairs(gens) do
  local maybe = #getBits > 0 and redis.call('BITFIELD', gen .. ':f', unpack(getBits)) or nil
  for k, shingle in ipairs(shingles) do
    local list = false
    if not maybe or maybe[k] == 1 then list = redis.call('HGET', gen .. ':p:' .. shardOfShingle(lookup, k * 4 - 3), shingle) end
    collect(list)
    if gen == own then ownLists[shingle] = list end
  end
end

local present, outletText, presentPairs = nil, nil, nil
-- The slots this article's facts fill (Sketch.slots): an earlier item's fact is changed where this
-- article fills one of its slots with another fact and not with it (slotChanged). from: the fact's slots
-- in a record, before and after it, each the slot then the slot with the fact in it (0: none).
local presentSlots = nil
local function slotChanged(record, from)
  presentSlots = presentSlots or sampleSet(slotBytes)
  for side = 0, 2, 2 do
    local slot = sampleAt(record, from + side * ${SAMPLE_BYTES})
    if slot ~= 0 and presentSlots[slot] and not presentSlots[sampleAt(record, from + (side + 1) * ${SAMPLE_BYTES})] then return true end
  end
  return false
end
-- Facts counted once per value (countDistinctFacts): readings holds each value's best reading (2 kept,
-- 1 changed, 0 neither); a town (its sample's low bit set) kept counts for neither, and a value this
-- article states anywhere is not changed. Also returns how many of the changed are figures (not towns).
local presentValues = nil
local function countDistinctFacts(readings)
  presentValues = presentValues or sampleSet(valueBytes)
  local kept, changed, changedFigures = 0, 0, 0
  for value, reading in pairs(readings) do
    if reading == 2 and value % 2 == 0 then kept = kept + 1
    elseif reading == 1 and not presentValues[value] then
      changed = changed + 1
      if value % 2 == 0 then changedFigures = changedFigures + 1 end
    end
  end
  return kept, changed, changedFigures
end
-- The stories whose original item reports other facts than this article.
local otherEvents = {}
-- tier: 2 a reference, 1 an original item, 0 a copy (judgeCopy's order)
local best, bestCoverage, bestWords, bestTier, bestStory, similarity = nil, -1, -1, -1, nil, 0
local bestN, bestRecord, bestPublished = nil, nil, 0
-- It reproduces a passage of an earlier item (MemoryCopyIndex's borrowed and houseStyle): filed as an
-- original, what earlier originals hold of its text is counted as quoted.
local sharesPassage = false
-- An original item published well after this one, which it copies, was only classified first (see below).
local function supersedes()
  return best ~= nil and bestTier == 1 and published > 0 and bestPublished > 0 and published < bestPublished - supersedeMargin
end
-- Which of the new article's sample values that many originals hold (asked as candidates need them):
-- an item's samples all of whose values are such are boilerplate, neither text to reproduce nor
-- reproduced, as in MemoryCopyIndex (where it counts every shingle; here what the new article holds).
local boilerValue = {}
-- How many originals of the window count each value in a generation's key (:b or :q), one BITFIELD
-- per generation and ${COUNTED_PER_CALL} values (Lua's unpack has a limit).
local function countOriginals(values, key, counterType)
  local sums = {}
  for i = 1, #values do sums[i] = 0 end
  for _, gen in ipairs(gens) do
    for from = 1, #values, ${COUNTED_PER_CALL} do
      local ops = {}
      for i = from, math.min(#values, from + ${COUNTED_PER_CALL} - 1) do ops[#ops + 1] = 'GET'; ops[#ops + 1] = counterType; ops[#ops + 1] = '#' .. values[i] end
      for k, c in ipairs(redis.call('BITFIELD', gen .. key, unpack(ops))) do sums[from + k - 1] = sums[from + k - 1] + c end
    end
  end
  return sums
end
-- Asks about the values not known yet (each once).
local function learnBoilerplate(values)
  local unknown = {}
  for _, v in ipairs(values) do
    if boilerValue[v] == nil then boilerValue[v] = false; unknown[#unknown + 1] = v end
  end
  if #unknown == 0 then return end
  local sums = countOriginals(unknown, ':b', counter)
  -- Held by fewer originals as their own text: those that quote it count too (a phrase no original
  -- holds as its own is in :q only where its own original expired).
  local fewer = {}
  for i, v in ipairs(unknown) do
    if sums[i] >= boilerplate then boilerValue[v] = true elseif sums[i] > 0 then fewer[#fewer + 1] = i end
  end
  if #fewer == 0 then return end
  local values = {}
  for k, i in ipairs(fewer) do values[k] = unknown[i] end
  for k, quoting in ipairs(countOriginals(values, ':q', quotedCounter)) do
    local i = fewer[k]
    boilerValue[unknown[i]] = sums[i] + quoting >= quotedBoilerplate
  end
end
local function isRevisedItem(filed)
  return filed == revises or sub(filed, 1, #revises + 2) == revises .. '%r'
end
local function ofRevisedItem(record)
  if revises == '' then return false end
  local story, docId = string.match(record, '^%d|([^|]*)|([^|@]*)')
  return isRevisedItem(story or '') or isRevisedItem(docId or '')
end
for phase = 3, 1, -1 do
  for _, n in ipairs(candidates[phase]) do
    present = present or sampleSet(contains)
    local record = redis.call('GET', root .. 'doc:' .. n)
    if record and not ofRevisedItem(record) then
      local kind, story, docField, docWords, ownWords, formula, slotted, everyWord, rest = string.match(record, '^(%d)|([^|]*)|([^|]*)|(%d+):?(%d*);?([01]*)([%+%*]?)(=?)|()')
      -- "id@published" when its publication time was known as it was filed
      local docId, docPublished = string.match(docField, '^([^@]*)@?(%d*)$')
      -- The share of samples covered, and of those no news formula holds (formula: one flag per sample).
      -- Samples that are consecutive words (a reference's) have their short gaps bridged (bridgeGaps).
      -- skip: samples set apart as the outlet's boilerplate, whose values reproduce nothing either; nor
      -- do boilerplate values, in an item (a reference is judged whole)
      local function isHit(from, k, skip)
        for j = 0, samplesPer - 1 do
          local value = sampleAt(record, from + (k * samplesPer + j) * ${SAMPLE_BYTES})
          if present[value] and not (skip and outletText[value]) and not (kind ~= '1' and boilerValue[value]) then return true end
        end
        return false
      end
      -- A reference's word k is kept when the new article has the pair it starts or ends (pairedWith).
      local refPairs = nil
      local function paired(k)
        presentPairs = presentPairs or sampleSet(pairBytes)
        refPairs = refPairs or redis.call('GET', root .. 'pairs:' .. n) or ''
        local pairCount = #refPairs / ${SAMPLE_BYTES}
        return (k > 0 and k <= pairCount and presentPairs[sampleAt(refPairs, (k - 1) * ${SAMPLE_BYTES} + 1)]) or
          (k < pairCount and presentPairs[sampleAt(refPairs, k * ${SAMPLE_BYTES} + 1)]) or false
      end
      -- words: of an item, the words its samples are spread over (see coverageSamples)
      local function sampledCoverage(from, flags, count, consecutive, skip, apart, words)
        -- A reference is read word by word, thousands of words: every ${QUICK_STRIDE}th first, and an article
        -- that reproduces under half the share a copy needs there is told so (its similarity an estimate)
        -- without the rest. Articles that quote a sentence of a communiqué are most of those met.
        if consecutive and count >= ${QUICK_MIN_WORDS} then
          local seen, hit = 0, 0
          for k = 0, count - 1, ${QUICK_STRIDE} do
            seen = seen + 1
            if isHit(from, k) then hit = hit + 1 end
          end
          if hit / seen < threshold / 2 then return hit / seen, 0, 0, 1 end
        end
        local hits = {}
        for k = 0, count - 1 do hits[k] = isHit(from, k, skip) end
        if consecutive then
          local last = -1
          for k = 0, count - 1 do
            if hits[k] then
              local gap = k - last - 1
              if last >= 0 and gap >= 2 and gap <= ${BRIDGED_GAP} then
                for b = last + 2, k - 2 do hits[b] = true end
              elseif last >= 0 and gap > ${BRIDGED_GAP} and gap <= ${PAIRED_GAP} and pairBytes ~= '' then
                for b = last + 1, k - 1 do if paired(b) then hits[b] = true end end
              end
              last = k
            end
          end
        end
        -- apart: boilerplate samples (the new article holds every value of them), in the whole only
        local covered, counted, text, textCovered, boilerSamples = 0, 0, 0, 0, 0
        -- An item of fewer words than samples has some words sampled twice, side by side (samples are
        -- spread evenly): each word counts once, as marsad classify counts it.
        local lastWord = -1
        for k = 0, count - 1 do
          local word = k
          if words and words < count then word = math.min(words - 1, math.floor((k + 0.5) * words / count)) end
          local again = word == lastWord
          lastWord = word
          if again then
          elseif apart and apart[k] then boilerSamples = boilerSamples + 1
          elseif not (skip and skip[k]) then
            counted = counted + 1
            if hits[k] then covered = covered + 1 end
            if flags ~= '' and byte(flags, k + 1) == 48 then
              text = text + 1
              if hits[k] then textCovered = textCovered + 1 end
            end
          end
        end
        local textCoverage = 1
        if flags ~= '' then textCoverage = text == 0 and 0 or textCovered / text end
        -- Share of the words that are its own, and of all reproduced with the boilerplate among them.
        local all = counted + boilerSamples
        return counted == 0 and 0 or covered / counted, textCoverage, all == 0 and 0 or (covered + boilerSamples) / all, all == 0 and 1 or counted / all
      end
      -- An item's samples that are all the new article's outlet boilerplate, set apart when it has
      -- ${MIN_WORDS_BESIDES_OUTLET_TEXT} words besides them and the new article reproduces little of those (OUTLET_STORY_SHARE);
      -- its words then those others.
      -- An item has COVERAGE_SAMPLES samples, or one per word when filed with "=" (SHORT_ITEM_WORDS; and
      -- COVERAGE_SAMPLES of its own words after them, when it quotes); a reference, one per word.
      local count = kind == '1' and math.floor((#record - rest + 1) / (samplesPer * ${SAMPLE_BYTES})) or (everyWord == '=' and tonumber(docWords) or ${COVERAGE_SAMPLES})
      local docWordCount, skip = tonumber(docWords), nil
      if outletBytes ~= '' and kind ~= '1' then
        outletText = outletText or sampleSet(outletBytes)
        local marks, marked = {}, 0
        for k = 0, count - 1 do
          local all = true
          for j = 0, samplesPer - 1 do
            if not outletText[sampleAt(record, rest + (k * samplesPer + j) * ${SAMPLE_BYTES})] then all = false; break end
          end
          if all then marks[k] = true; marked = marked + 1 end
        end
        local besides = docWordCount * (count - marked) / count
        if marked > 0 and besides >= ${MIN_WORDS_BESIDES_OUTLET_TEXT} then skip, docWordCount = marks, besides end
      end
      -- An item's samples that are boilerplate (a reference is judged whole).
      local apart = nil
      if kind ~= '1' then
        local held = {}
        for k = 0, count - 1 do
          for j = 0, samplesPer - 1 do
            local value = sampleAt(record, rest + (k * samplesPer + j) * ${SAMPLE_BYTES})
            if present[value] then held[#held + 1] = value end
          end
        end
        learnBoilerplate(held)
        for k = 0, count - 1 do
          local all = true
          for j = 0, samplesPer - 1 do
            if not boilerValue[sampleAt(record, rest + (k * samplesPer + j) * ${SAMPLE_BYTES})] then all = false; break end
          end
          if all then apart = apart or {}; apart[k] = true end
        end
      end
      local itemWords = kind ~= '1' and tonumber(docWords) or nil
      local coverage, textCoverage, whole, ownShare = sampledCoverage(rest, formula, count, kind == '1' and count == tonumber(docWords), nil, apart, itemWords)
      if skip then
        local besides, textBesides, wholeBesides, ownBesides = sampledCoverage(rest, formula, count, false, skip, apart, itemWords)
        if besides < ${OUTLET_STORY_SHARE} then coverage, textCoverage, whole, ownShare = besides, textBesides, wholeBesides, ownBesides else docWordCount = tonumber(docWords) end
      end
      -- An item's facts follow its samples (and its own words' samples): per fact, the samples of the
      -- shingles covering it, then of those ending just before and starting just after it, then (in an
      -- item filed with a "+" or "*" after its words) of its slots, then (with a "*") its value. This
      -- article reports other facts in the same words when it changes ${FACTS_CHANGED} or more of them, and more
      -- than it keeps, or, where the item has values (counted once per value), a figure and keeps none
      -- while it rewords some of the rest (factsKept, reportsOtherFacts).
      local itemSamples = count * samplesPer * ${SAMPLE_BYTES}
      local otherFacts, changed, kept = false, 0, 0
      if kind ~= '1' then
        local factsFrom = rest + itemSamples + (ownWords ~= '' and ${COVERAGE_SAMPLES} * samplesPer * ${SAMPLE_BYTES} or 0)
        local stride = (slotted == '*' and ${FACT_SAMPLES} or slotted == '+' and ${FACT_SLOTTED_SAMPLES} or ${FACT_CONTEXT_SAMPLES}) * ${SAMPLE_BYTES}
        local readings = slotted == '*' and {} or nil
        -- One statement of a value (its words: "920 ألف"), kept where all of them are, else changed where one is.
        local statement, allKept, anyChanged = nil, true, false
        local function closeStatement()
          if statement then readings[statement] = math.max(readings[statement] or 0, allKept and 2 or (anyChanged and 1 or 0)) end
        end
        for f = factsFrom, #record - stride + 1, stride do
          local reading = 0
          for j = 0, ${SHINGLE_SIZE} - 1 do
            if present[sampleAt(record, f + j * ${SAMPLE_BYTES})] then reading = 2; break end
          end
          if reading == 0 and ((present[sampleAt(record, f + ${SHINGLE_SIZE * SAMPLE_BYTES})] and present[sampleAt(record, f + ${(SHINGLE_SIZE + 1) * SAMPLE_BYTES})]) or
              (slotted ~= '' and slotChanged(record, f + ${FACT_CONTEXT_SAMPLES * SAMPLE_BYTES}))) then reading = 1 end
          if readings then
            -- Its value's sample ends with two flags: a town (1), a word continuing the statement before (2).
            local value = sampleAt(record, f + ${FACT_SLOTTED_SAMPLES * SAMPLE_BYTES})
            if value % 4 < 2 then
              closeStatement()
              statement, allKept, anyChanged = value, true, false
            end
            allKept = allKept and reading == 2
            anyChanged = anyChanged or reading == 1
          elseif reading == 2 then kept = kept + 1
          elseif reading == 1 then changed = changed + 1 end
        end
        local changedFigures = 0
        if readings then
          closeStatement()
          kept, changed, changedFigures = countDistinctFacts(readings)
        end
        otherFacts = (changed >= ${FACTS_CHANGED} and changed > kept) or (changedFigures > 0 and kept == 0 and coverage < ${WHOLE_ITEM_SHARE})
        -- A story whose original reports other facts: so do its pickups (judgeCopy's otherEvents),
        -- measured after it (a lower tier).
        if otherFacts and kind == '0' then otherEvents[story] = true end
        if kind == '2' and otherEvents[story] then otherFacts = true end
        -- Keeping ${FACTS_KEPT} of its figures and changing none, the article is measured against the item
        -- whole, its boilerplate among its words (retellsFacts): a communiqué's pickup edited where the
        -- formulas meet the facts.
        if kept >= ${FACTS_KEPT} and changed == 0 and coverage >= textThreshold and coverage < threshold and whole > coverage then
          coverage, ownShare = whole, 1
        end
      end
      -- An item that quotes a reference is copied only with more than its quote: half of the words it
      -- wrote itself when it wrote minWords (boilerplate among them, as ownWords counts them), minWords
      -- of them, or the item whole, its own words too (judgeCopy's ownWordsCopied).
      local ownCoverage, ownCopied, otherQuote = 1, true, false
      if ownWords ~= '' then
        ownCoverage = ownWords == '0' and 0 or sampledCoverage(rest + itemSamples, '', ${COVERAGE_SAMPLES}, false, nil, nil, tonumber(ownWords))
        ownCopied = (coverage >= ${WHOLE_ITEM_SHARE} and ownCoverage >= ${WHOLE_ITEM_SHARE}) or (ownCoverage >= threshold and tonumber(ownWords) >= minWords) or
          ownCoverage * tonumber(ownWords) >= minWords
        -- This article quoting the references elsewhere than the item (judgeCopy's otherQuote): under
        -- half of the item's quote reproduced, and minWords of references besides.
        local itemQuoted = tonumber(docWords) - tonumber(ownWords)
        local quoteReproduced = math.max(0, whole * tonumber(docWords) - ownCoverage * tonumber(ownWords))
        otherQuote = itemQuoted > 0 and quoteReproduced < threshold * itemQuoted and newQuoted - quoteReproduced >= minWords
      end
      similarity = math.max(similarity, math.min(coverage, ownCoverage))
      local tier = kind == '1' and 2 or (kind == '2' and 0 or 1)
      -- Its own words reproduced; too few of them, the passage taken whole with the boilerplate among
      -- them, when no number of it is changed, or a short item's nearly all (judgeCopy's enoughCopied,
      -- Covered.passage).
      local copiedWords = coverage * docWordCount * ownShare
      if kind ~= '1' and copiedWords >= minWords then sharesPassage = true end
      local enough = copiedWords >= minWords or (changed == 0 and whole >= threshold and whole * docWordCount >= minWords) or
        (kind ~= '1' and coverage >= ${WHOLE_ITEM_SHARE} and copiedWords >= ${MIN_FRESH_WORDS})
      -- judgeCopy's rule: a reference before an original item before a copy, then the one of which most
      -- words are reproduced (counts within ${SAME_PASSAGE_MARGIN} of each other being one passage), then the larger share.
      local onePassage = math.abs(copiedWords - bestWords) <= ${SAME_PASSAGE_MARGIN} * math.max(copiedWords, bestWords)
      if coverage >= threshold and enough and ownCopied and not otherQuote and textCoverage >= textThreshold and not otherFacts and
         (tier > bestTier or (tier == bestTier and ((not onePassage and copiedWords > bestWords) or
           (onePassage and (coverage > bestCoverage + 1e-9 or (coverage > bestCoverage - 1e-9 and copiedWords > bestWords + 1e-9)))))) then
        best, bestCoverage, bestWords, bestTier, bestStory = docId, coverage, copiedWords, tier, story
        bestN, bestRecord, bestPublished = n, record, tonumber(docPublished) or 0
      end
    end
  end
  -- A copy found among this tier's candidates: a lower tier's cannot outrank it (and a story picked up
  -- a hundred times is not measured against every pickup again), unless this article takes the
  -- story over, whose similarity counts every candidate.
  if best and bestTier >= phase - 1 and not supersedes() then break end
end
-- Adds an original to the counters at the given offsets (false: none) of its generation's key (:b or
-- :q), ${COUNTED_PER_CALL} to a call (Lua's unpack has a limit).
local function count(key, counterType, offsets)
  local ops, k = {}, 0
  for _, offset in ipairs(offsets) do
    if offset then
      ops[k + 1] = 'INCRBY'; ops[k + 2] = counterType; ops[k + 3] = offset; ops[k + 4] = '1'
      k = k + 4
      if k >= ${COUNTED_PER_CALL * 4} then redis.call('BITFIELD', own .. key, 'OVERFLOW', 'SAT', unpack(ops)); ops, k = {}, 0 end
    end
  end
  if k > 0 then redis.call('BITFIELD', own .. key, 'OVERFLOW', 'SAT', unpack(ops)) end
  redis.call('EXPIREAT', own .. key, expireAt)
end
-- A copy is filed too, under the story it copies: a later article may copy it and keep too little of
-- the original to copy that.
local isCopy = best ~= nil
local storyId = isCopy and bestStory or id
-- A revision that copies another story takes its item's earlier texts and their copies among its
-- candidates along, as the store moves their rows: a later copy of the first text joins the story the
-- item now belongs to. (Items are candidates the judging may not have read: a reference copied ends it.)
-- Not one overtaken by a longer revision of its item filed before it (two in flight, the longer
-- classified first): the store keeps the longer text and its story, and so does the index. (A
-- revision is longer than the first text by definition; the longest revision's words are kept per item.)
local function overtaken()
  local key, count = root .. 'longest:' .. revises, tonumber(newWordCount)
  local longest = tonumber(redis.call('GET', key) or '0')
  if longest > count then return true end
  redis.call('SET', key, tostring(count), 'EXAT', now + window)
  return false
end
if revises ~= '' and not overtaken() and isCopy then
  for phase = 2, 1, -1 do
    for _, n in ipairs(candidates[phase]) do
      local record = redis.call('GET', root .. 'doc:' .. n)
      if record and ofRevisedItem(record) then
        local kind, rest = string.match(record, '^(%d)|[^|]*(|.*)$')
        redis.call('SET', root .. 'doc:' .. n, kind .. '|' .. bestStory .. rest, 'KEEPTTL')
      end
    end
  end
end
-- An original item published well after this one, which it copies, was only classified first (feeds
-- polled in another order): this one is the story's original, filed under the story as it stands,
-- and that item becomes its copy (its record and its answer to a re-delivered job).
local superseded = nil
if supersedes() then
  superseded = best
  isCopy = false
  redis.call('SET', root .. 'doc:' .. bestN, '2' .. sub(bestRecord, 2), 'KEEPTTL')
  local bestShard = shardOfId(best)
  for _, gen in ipairs(gens) do
    if redis.call('HEXISTS', gen .. ':i:' .. bestShard, best) == 1 then
      redis.call('HSET', gen .. ':i:' .. bestShard, best, bestStory .. '|' .. id .. '|' .. tostring(bestCoverage))
    end
  end
end

local n = tostring(redis.call('INCR', root .. 'seq'))
local docKey = root .. 'doc:' .. n
local idField = (published > 0 and not isRef) and (id .. '@' .. string.format('%d', published)) or id
local record = (isRef and '1' or (isCopy and '2' or '0')) .. '|' .. storyId .. '|' .. idField .. '|' .. words .. '|' .. samples
local entry = isCopy and ('c' .. n) or n
if isRef then
  redis.call('SET', docKey, record)
  if pairBytes ~= '' then redis.call('SET', root .. 'pairs:' .. n, pairBytes) end
else
  redis.call('SET', docKey, record, 'EXAT', now + window)
end
-- An item is filed under the first ${POSTING_SHINGLES} of its postings (its smallest shingles) that are not
-- boilerplate, where a later copy's lookup can meet it; a reference under all.
local posted, postedBits = 0, {}
local bitOf = {}
for bit in gmatch(postingBits, '%d+') do bitOf[#bitOf + 1] = bit end
if not isRef then
  local values = {}
  for i = 1, #postings, 4 do values[#values + 1] = sampleAt(postings, i) end
  learnBoilerplate(values)
end
for i = 1, #postings, 4 do
  if not isRef and posted >= ${POSTING_SHINGLES} then break end
  local key, shingle = isRef and (refKey .. ':p') or (own .. ':p:' .. shardOfShingle(postings, i)), sub(postings, i, i + 3)
  local list = ownLists[shingle]
  if list == nil then list = redis.call('HGET', key, shingle) end
  if not isRef and boilerValue[sampleAt(postings, i)] then list = '*' end
  -- A copy joins at most ${COPIES_POSTED} articles under a shingle (COPIES_POSTED: a story picked up thousands of
  -- times would make every lookup read thousands of entries).
  local full = isCopy and list and select(2, string.gsub(list, ' ', '')) + 1 >= ${COPIES_POSTED}
  if list ~= '*' and not full then
    -- A new field may be a new key, which needs its expiry; an existing field's key already has it.
    if not list and not isRef then redis.call('EXPIREAT', key, expireAt) end
    -- Originals only (entries that start with a digit) make a shingle boilerplate; a new list holds
    -- this one alone, and only an existing one needs counting. An original that shares a passage
    -- with an earlier item counts it as quoted, which keeps the list open to quotedBoilerplate of
    -- them: closed at three, the first item holding an intro that others took would be found by it no more.
    local originals = 1
    if list then
      list = list .. ' ' .. entry
      if not isCopy then originals = select(2, string.gsub(' ' .. list, ' %d', '')) end
    else
      list = entry
    end
    if not isCopy and originals >= (sharesPassage and quotedBoilerplate or boilerplate) then list = '*' end
    redis.call('HSET', key, shingle, list)
    posted = posted + 1
    postedBits[#postedBits + 1] = bitOf[(i + 3) / 4]
  end
end
if isRef then
  redis.call('HSET', refKey .. ':i', id, id)
  redis.call('SADD', refKey .. ':n', n)
else
  local setBits = {}
  for _, bit in ipairs(postedBits) do setBits[#setBits + 1] = 'SET'; setBits[#setBits + 1] = 'u1'; setBits[#setBits + 1] = bit; setBits[#setBits + 1] = '1' end
  if #setBits > 0 then
    redis.call('BITFIELD', own .. ':f', unpack(setBits))
    redis.call('EXPIREAT', own .. ':f', expireAt)
  end
  -- An original's values counted (copies do not count: one story's pickups never make its text
  -- boilerplate).
  if not isCopy then
    local offsets, quoting = {}, {}
    for offset in gmatch(counterOffsets, '%d+') do offsets[#offsets + 1] = offset end
    if sharesPassage and #offsets > 0 then
      -- What earlier originals hold of it is what it shares with the items it reproduces a passage of
      -- (nearly always: the filed items' samples are too few to tell which values those hold).
      local counterBits, quotedBits = tonumber(sub(counter, 2)), tonumber(sub(quotedCounter, 2))
      local values = {}
      for i, offset in ipairs(offsets) do values[i] = tonumber(offset) / counterBits end
      for i, held in ipairs(countOriginals(values, ':b', counter)) do
        if held > 0 then quoting[#quoting + 1] = string.format('%d', values[i] * quotedBits); offsets[i] = false end
      end
    end
    for offset in gmatch(formulaOffsets, '%d+') do offsets[#offsets + 1] = offset end
    count(':b', counter, offsets)
    if #quoting > 0 then count(':q', quotedCounter, quoting) end
  end
  local idKey = own .. ':i:' .. idShard
  local answer = storyId
  if isCopy then answer = storyId .. '|' .. best .. '|' .. tostring(bestCoverage)
  elseif superseded then answer = storyId .. '|||' .. superseded .. '|' .. tostring(bestCoverage) end
  redis.call('HSET', idKey, id, answer)
  redis.call('EXPIREAT', idKey, expireAt)
end
if isCopy then return { 'copy', bestStory, best, tostring(bestCoverage), tostring(similarity) } end
if superseded then return { 'original', storyId, '', '0', tostring(similarity), superseded, tostring(bestCoverage) } end
return { 'original', id, '', '0', tostring(similarity) }
`;

/**
 * Before the references are filed: when one already filed was edited or removed since (or text
 * analysis now reads it differently, which changes its digest), every reference is forgotten, to be
 * filed again as it now reads. Postings lists are shared, so one reference cannot be taken out alone;
 * references are few, so filing them all again is cheap. ARGV: prefix, then id and digest of each.
 */
const FORGET_CHANGED_REFERENCES = `
local ref = ARGV[1] .. ':${VERSION}:ref'
-- What an index filed by v2 keeps for ever (its items expire with their window) goes.
local v2 = ARGV[1] .. ':v2:'
for _, n in ipairs(redis.call('SMEMBERS', v2 .. 'ref:n')) do redis.call('DEL', v2 .. 'doc:' .. n) end
redis.call('DEL', v2 .. 'ref:p', v2 .. 'ref:i', v2 .. 'ref:n', v2 .. 'ref:d', v2 .. 'seq', v2 .. 'bits-from')
local digests = {}
for i = 2, #ARGV, 2 do digests[ARGV[i]] = ARGV[i + 1] end
local changed = false
for _, id in ipairs(redis.call('HKEYS', ref .. ':i')) do
  if redis.call('HGET', ref .. ':d', id) ~= digests[id] then changed = true; break end
end
if changed then
  for _, n in ipairs(redis.call('SMEMBERS', ref .. ':n')) do redis.call('DEL', ARGV[1] .. ':${VERSION}:doc:' .. n, ARGV[1] .. ':${VERSION}:pairs:' .. n) end
  redis.call('DEL', ref .. ':p', ref .. ':i', ref .. ':n', ref .. ':d')
end
for i = 2, #ARGV, 2 do redis.call('HSET', ref .. ':d', ARGV[i], ARGV[i + 1]) end
return changed and 1 or 0
`;

export interface SharedCopyIndexOptions {
  /** Key prefix; a Redis Cluster hash tag such as `{marsad}:index`. */
  prefix: string;
  /** How long an ordinary item stays findable. @defaultValue 30 days */
  windowSeconds?: number;
  /**
   * Length of one expiry generation: a lookup searches window / generation + 1 of them, and an
   * article's postings stay up to one generation longer than the window. @defaultValue the window
   */
  generationSeconds?: number;
  /** Hash keys per generation for postings: keeps each hash small (and compact) up to millions of articles. @defaultValue 65536 */
  shards?: number;
  /** Hash keys per generation for item ids. @defaultValue 4096 */
  idShards?: number;
  /** Originals sharing a shingle that make it boilerplate. @defaultValue BOILERPLATE_ARTICLES (3) */
  boilerplateArticles?: number;
  /**
   * Size of each generation's shingle filter, as a power of two in bits: 2^26 bits are 8 MB, and keep
   * the share of lookups read for nothing near 2% at 100,000 originals a window. @defaultValue 26
   */
  filterBits?: number;
  now?: () => number;
}

export interface SharedVerdict {
  /** The reference or earlier item copied, or null for an original. */
  duplicateOf: string | null;
  storyId: string;
  /** Estimated share of the copied (or most similar) article this one reproduces. */
  similarity: number;
  /** True when this id had been judged before (re-delivery, re-loaded reference). */
  known: boolean;
  /**
   * The original item, classified first but published later, that this article copied and now
   * replaces as its story's original: that item is this one's copy, reproducing `similarity` of it.
   */
  supersedes?: { id: string; similarity: number };
}

/** The copy index every classifier replica shares, in Redis. */
export class SharedCopyIndex {
  private readonly options: Required<Omit<SharedCopyIndexOptions, 'now'>> & { now: () => number };

  constructor(
    private readonly redis: Redis,
    options: SharedCopyIndexOptions,
  ) {
    const windowSeconds = options.windowSeconds ?? 30 * 86_400;
    this.options = {
      windowSeconds,
      generationSeconds: windowSeconds,
      shards: 65_536,
      idShards: 4_096,
      boilerplateArticles: BOILERPLATE_ARTICLES,
      filterBits: 26,
      now: () => Date.now(),
      ...options,
    };
    if (!redis.checkAndInsertArticle) redis.defineCommand('checkAndInsertArticle', { numberOfKeys: 0, lua: CHECK_AND_INSERT });
    if (!redis.forgetChangedReferences) redis.defineCommand('forgetChangedReferences', { numberOfKeys: 0, lua: FORGET_CHANGED_REFERENCES });
  }

  /**
   * Call with every reference about to be filed (id -> digest of its sketch). True when one filed
   * before was edited or removed: all were forgotten, and filing them again makes the index current.
   */
  async forgetChangedReferences(digests: ReadonlyMap<string, string>): Promise<boolean> {
    const args = [...digests].flatMap(([id, digest]) => [storedId(id), digest]);
    return (await this.redis.forgetChangedReferences(this.options.prefix, ...args)) === 1;
  }

  /**
   * Judges the article against the index and files it (an original, or a copy under its story).
   * With `publishedAt`, an article that copies an original item published later than itself becomes
   * the story's original (see SharedVerdict.supersedes). With `revision` (RawItem's), the article is
   * the item's new text: filed apart from its earlier ones, and judged against every other article but
   * them and their copies; what copies it later is a copy of the item.
   */
  async checkAndInsert(id: string, sketch: Sketch, reference = false, publishedAt?: string | null, revision?: string): Promise<SharedVerdict> {
    const o = this.options;
    const now = Math.floor(o.now() / 1000);
    const counterBits = Math.ceil(Math.log2(o.boilerplateArticles + 1));
    // Quoting originals count to one fewer than QUOTED_BOILERPLATE: one holds the phrase as its own.
    const quotedBits = Math.ceil(Math.log2(QUOTED_BOILERPLATE));
    const ownValues = sketch.counted ?? sketch.contains;
    const counted = sketch.formulas ? smallestExcept(ownValues, sortedLookup(sketch.formulas), ownValues.length) : ownValues;
    const reply = (await this.redis.checkAndInsertArticle(
      o.prefix, revision ? `${storedId(id)}%r${revision}` : storedId(id), String(now), String(o.windowSeconds), String(o.generationSeconds),
      reference ? '1' : '0', wordsField(sketch, reference), String(COPY_THRESHOLD), String(MIN_COPIED_WORDS),
      bigEndian32(sketch.lookup), bigEndian32(sketch.postings), samplesBytes(sketch.contains),
      Buffer.concat([samplesBytes(sketch.samples), ...(sketch.own ? [samplesBytes(sketch.own.samples)] : []), ...(sketch.facts ? [samplesBytes(sketch.facts)] : [])]),
      String(o.shards), String(SHINGLE_SIZE), String(o.boilerplateArticles), String(o.idShards),
      filterBits(sketch.lookup, o.filterBits), reference ? '' : filterBits(sketch.postings, o.filterBits), String(COPY_TEXT_THRESHOLD),
      String(publishedSeconds(publishedAt, now)), String(SUPERSEDE_MARGIN_SECONDS), sketch.boilerplate ? samplesBytes(sketch.boilerplate) : '',
      sketch.pairs ? samplesBytes(sketch.pairs) : '', `u${counterBits}`, reference ? '' : counterOffsets(counted, counterBits),
      sketch.slots ? samplesBytes(sketch.slots) : '', sketch.values ? samplesBytes(sketch.values) : '',
      String(QUOTED_BOILERPLATE), `u${quotedBits}`, reference || !sketch.formulas ? '' : counterOffsets(sketch.formulas, counterBits),
      revision ? storedId(id) : '',
    )) as string[];
    const [kind, storyId, copied, coverage, similarity, superseded, supersededCoverage] = reply;
    // A copy, new or known (re-delivered), answers what it copied and how much of it.
    if (copied) return { duplicateOf: writtenId(copied), storyId: writtenId(storyId!), similarity: Number(coverage), known: kind === 'known' };
    const verdict: SharedVerdict = { duplicateOf: null, storyId: writtenId(storyId!), similarity: Number(similarity ?? 0), known: kind === 'known' };
    if (superseded) verdict.supersedes = { id: writtenId(superseded), similarity: Number(supersededCoverage) };
    return verdict;
  }
}

/**
 * An id as the index files it: its records separate fields with "|" and an item's publication time
 * with "@", so those (and "%", the escape) are percent-escaped. A reference's id is its seed file's
 * name ("dgsn@rabat.txt"), any string; the pipeline's item ids are hex, the same either way, as is
 * every id an index filed before.
 */
const storedId = (id: string) => id.replace(/[%|@]/g, (c) => (c === '%' ? '%25' : c === '|' ? '%7C' : '%40'));
/** The id as written, from the index's (see storedId): a revision's is its item's. */
const writtenId = (id: string) => id.replace(/%r[0-9a-f]+$/, '').replace(/%(25|7C|40)/g, (_, hex: string) => (hex === '25' ? '%' : hex === '7C' ? '|' : '@'));

/** A publication time as epoch seconds for the index: 0 when unknown, unreadable or in the future. */
function publishedSeconds(publishedAt: string | null | undefined, now: number): number {
  const seconds = publishedAt ? Math.floor(Date.parse(publishedAt) / 1000) : NaN;
  return Number.isFinite(seconds) && seconds > 0 && seconds <= now + FUTURE_TOLERANCE_SECONDS ? seconds : 0;
}

/**
 * The words part of a filed article: "words", ":ownWords" when it quotes, ";flags" when it has news
 * formulas, "*" when its facts' slots and values are filed with them, "+" their slots alone (Sketch.facts;
 * items filed before stop 39 have neither, those filed before stop 42 no values), "=" for an item
 * sampled at every word (SHORT_ITEM_WORDS) rather than at COVERAGE_SAMPLES.
 */
function wordsField(sketch: Sketch, reference: boolean): string {
  const everyWord = !reference && sketch.samples.length / SHINGLE_SIZE !== COVERAGE_SAMPLES ? '=' : '';
  return `${sketch.words}${sketch.own ? `:${sketch.own.words}` : ''}${sketch.formula ? `;${sketch.formula}` : ''}${factsMarker(sketch)}${everyWord}`;
}

function factsMarker({ facts, slots, values }: Sketch): string {
  if (!facts || !slots) return '';
  return values ? '*' : '+';
}

/**
 * Where the counter of each distinct value of `contains` (sorted) starts in a generation's :b, in bits,
 * in decimal, space separated (BITFIELD's `#n` offsets, computed here).
 */
function counterOffsets(contains: Uint32Array, bits: number): string {
  let text = '';
  let last = -1;
  for (const value of contains) {
    if (value !== last) text += `${text ? ' ' : ''}${value * bits}`;
    last = value;
  }
  return text;
}

/** Each shingle's bit in a filter of 2^bits, in decimal, space separated. */
function filterBits(shingles: Uint32Array, bits: number): string {
  const mask = 2 ** bits - 1;
  let text = '';
  for (const shingle of shingles) text += `${text ? ' ' : ''}${(shingle & mask) >>> 0}`;
  return text;
}

function bigEndian32(values: Uint32Array): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buffer.writeUInt32BE(v, i * 4));
  return buffer;
}

/** Samples (SAMPLE_BITS each) as the script reads them: SAMPLE_BYTES each, big-endian. */
function samplesBytes(values: Uint32Array): Buffer {
  const buffer = Buffer.alloc(values.length * SAMPLE_BYTES);
  values.forEach((v, i) => buffer.writeUIntBE(v, i * SAMPLE_BYTES, SAMPLE_BYTES));
  return buffer;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    checkAndInsertArticle(...args: (string | Buffer)[]): Promise<unknown> & Context;
    forgetChangedReferences(...args: string[]): Promise<unknown> & Context;
  }
}
