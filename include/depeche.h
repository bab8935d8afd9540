/*
 * depeche.h -- the whole public API of libdepeche.
 *
 * depeche turns French news copy, as it was scraped, into clean,
 * sentence-segmented, spell-audited segments and writes them in the formats
 * translators and MT pipelines read (TMX, XLIFF 1.2 and 2.1, Moses plain
 * text, TSV, JSONL).
 *
 * The stages, each usable alone:
 *
 *   bytes --read--> document --clean--> blocks --normalize--> text
 *         --segment--> segments --spell--> findings --export--> file
 *
 * Every offset the library reports is a byte offset into the ORIGINAL input,
 * whatever cleaning and normalization did in between.
 *
 * Conventions
 *   - Every call that can fail returns a depeche_status; results go to
 *     out-parameters.  When a `depeche_error *err` is given (it may be NULL)
 *     it receives a message, and the byte offset in the input where one
 *     applies.
 *   - Constructors are `*_new` and set `*out`; every `*_free` accepts NULL.
 *   - Memory the library returns is owned by the object it came from and
 *     lives as long as that object, unless a comment says otherwise.
 *   - The library never prints, never aborts and never exits.
 *   - Strings are UTF-8.  Text given to callbacks is borrowed: valid only
 *     during the call.
 *
 * Threads
 *   - No global mutable state (one process-wide lock serializes making and
 *     destroying hunspell handles: hunspell shares a table between them
 *     without a lock).
 *   - What is read-only is made once, in a depeche_context, and shared:
 *     any number of threads may make workers (depeche_pipeline,
 *     depeche_segmenter) from one context at the same time.  A worker, and a
 *     depeche_writer, is used by one thread at a time: make one per thread.
 *     A depeche_doc is read-only once made and may be read from several
 *     threads.
 *   - Every callback (warn_fn, a sentence callback, a writer's sink) runs on
 *     the thread that made the call it reports from, before that call
 *     returns; never on a library thread.  Workers of one context in several
 *     threads call the context's warn_fn from each: it must then be
 *     thread-safe (or each thread makes its own context).
 *   - The library starts threads only when options.threads is above 1: one
 *     pool a context (its helpers start at the first document that can use
 *     them, and are joined when the context's last reference goes), and
 *     the spell stage's helpers, joined before depeche_process()
 *     returns.
 *   - Fork: threads do not survive fork().  A child process must not use a
 *     context, pipeline, segmenter or writer made before the fork (it may
 *     free nothing either: leak them); it makes its own, or calls exec.
 *     Fork before making them, or use threads: they share a context.
 */
#ifndef DEPECHE_H
#define DEPECHE_H

#include <stddef.h> /* size_t */
#include <stdint.h> /* uint64_t */

#include "depeche_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(DEPECHE_STATIC) || !defined(__GNUC__)
#define DEPECHE_API
#else
#define DEPECHE_API __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                  */
/* ------------------------------------------------------------------------ */

/** The library's version as "MAJOR.MINOR.PATCH"; compare with
 *  DEPECHE_VERSION_STRING to detect a header/library mismatch. */
DEPECHE_API const char *depeche_version_string(void);

/* ------------------------------------------------------------------------ */
/* Status codes and errors                                                  */
/* ------------------------------------------------------------------------ */

/** Values are stable forever; never renumbered. */
typedef enum depeche_status {
    DEPECHE_OK = 0,
    DEPECHE_ERR_NOMEM = -1,       /**< an allocation failed */
    DEPECHE_ERR_INVALID_ARG = -2, /**< a NULL handle, unknown option value */
    DEPECHE_ERR_BAD_INPUT = -3,   /**< invalid UTF-8, NUL byte, ...: see the
                                       error's byte_offset */
    DEPECHE_ERR_IO = -4,          /**< reading or writing failed */
    DEPECHE_ERR_DICT = -5,        /**< dictionary missing or unusable */
    DEPECHE_ERR_STATE = -6,       /**< call not allowed in this state */
    DEPECHE_ERR_LIMIT = -7,       /**< a size limit was reached */
    DEPECHE_ERR_ABORTED = -8      /**< a callback asked to stop */
} depeche_status;

/** Static English text for a status. Never NULL. */
DEPECHE_API const char *depeche_strerror(depeche_status status);

#define DEPECHE_NO_OFFSET UINT64_MAX

/** What an error is about: which of the things the caller gave is wrong. */
typedef enum depeche_source {
    /** Nothing the caller named: memory, a NULL argument, a state. */
    DEPECHE_SOURCE_NONE = 0,
    /** The text given to the call (a document, bytes fed). */
    DEPECHE_SOURCE_INPUT = 1,
    /** options.lang: not a language tag. */
    DEPECHE_SOURCE_LANG = 2,
    /** options.abbrev_file. */
    DEPECHE_SOURCE_ABBREV_LIST = 3,
    /** options.personal_dict. */
    DEPECHE_SOURCE_PERSONAL_LIST = 4,
    /** The hunspell dictionary (options.dict_path, or looked up). */
    DEPECHE_SOURCE_DICTIONARY = 5
} depeche_source;

/** "input", "lang", "abbreviation list", "personal list", "dictionary";
 *  "" for DEPECHE_SOURCE_NONE. */
DEPECHE_API const char *depeche_source_name(depeche_source source);

/** Filled by calls that fail.  `source` says what the error is about, and
 *  `file` names that file when the library knows it ("" otherwise: the
 *  input is named by the caller, who knows it).  byte_offset is a position
 *  in that source (in the input, or in the named list), DEPECHE_NO_OFFSET
 *  when none applies.  message never holds the file name. */
typedef struct depeche_error {
    depeche_status status;
    uint64_t byte_offset;
    char message[256];
    depeche_source source;
    char file[256]; /**< NUL-terminated, cut to fit */
} depeche_error;

/* ------------------------------------------------------------------------ */
/* Options                                                                  */
/* ------------------------------------------------------------------------ */

/** Normalization profiles (see normalize.c for the exact rules). */
typedef enum depeche_profile {
    /** NFC, line ends, invisible and control characters, spaces. */
    DEPECHE_PROFILE_MINIMAL = 0,
    /** minimal + French typography for translators: « » and ’, a no-break
     *  space U+00A0 before : ; ! ? % and inside « », digit groups. */
    DEPECHE_PROFILE_TYPO = 1,
    /** typo mapped to ASCII punctuation for MT (l'été, "Bonjour"), no NBSP
     *  left, digit groups kept as `1 000`. */
    DEPECHE_PROFILE_MT = 2
} depeche_profile;

/** Flags for depeche_options.flags. */
enum {
    /** Replace invalid UTF-8 with U+FFFD and drop NUL bytes instead of
     *  failing; each repair is reported through warn_fn. */
    DEPECHE_LOSSY = 1u << 0,
    /** Skip the spell stage (no dictionary is loaded). */
    DEPECHE_NO_SPELL = 1u << 1,
    /** Skip the clean stage: every line is body text. */
    DEPECHE_NO_CLEAN = 1u << 2,
    /** Keep every repeated paragraph.  By default a run of two or more
     *  paragraphs repeating earlier ones in the same order (an article
     *  pasted twice) is dropped as a duplicate, and a paragraph repeated
     *  alone is kept and reported (DEPECHE-007). */
    DEPECHE_KEEP_DUPLICATES = 1u << 3
};

/** How much work the spell stage spends on suggestions for a misspelling. */
typedef enum depeche_suggest {
    /** Near words found by one or two likely edits (accents, doubled
     *  letters, keyboard neighbours, swaps), ranked; when none is found,
     *  two words run together (no hunspell search: rhytme gets none).  The same
     *  answer on every machine and with any number of threads.  The
     *  default. */
    DEPECHE_SUGGEST_FAST = 0,
    /** The same, merged with hunspell's own search: more often the right
     *  word among the first five, much slower, and not reproducible:
     *  hunspell stops searching after a quarter of a second of the
     *  process's CPU time. */
    DEPECHE_SUGGEST_FULL = 1,
    /** None, as `hunspell -l` and `aspell list`: the fastest audit. */
    DEPECHE_SUGGEST_NONE = 2
} depeche_suggest;

/** Parses "fast", "full" or "none". */
DEPECHE_API depeche_status depeche_suggest_parse(const char *name,
                                                 depeche_suggest *out);

/** Receives reported repairs and warnings.  `code` is a stable identifier
 *  such as "DEPECHE-001"; offset is a byte offset into the input or
 *  DEPECHE_NO_OFFSET. */
typedef void (*depeche_warn_fn)(void *user, const char *code, uint64_t offset,
                                const char *message);

/** Configuration shared by all stages.  Initialise with
 *  depeche_options_init() and change what you need; strings are copied by
 *  the constructors that take options.
 *
 *  Option structs are size-prefixed (depeche_options,
 *  depeche_writer_options, depeche_align_options): `size`, first, is set
 *  by the struct's *_init() to the size the caller was compiled with, and
 *  the library reads only the bytes that size covers.  New fields are only
 *  ever added at the end, so a program built against an older depeche.h
 *  keeps working with a newer library: the fields it does not know keep
 *  their defaults.  A larger struct (a newer header, an older library) is
 *  accepted when the fields past what the library knows are zero, and
 *  refused with DEPECHE_ERR_INVALID_ARG otherwise; so is a size smaller
 *  than the size field (a struct *_init() did not set).  A binding may
 *  also allocate the struct, call *_init() and set fields one by one. */
typedef struct depeche_options {
    size_t size;             /**< set by depeche_options_init(); first */
    depeche_profile profile; /**< default DEPECHE_PROFILE_MINIMAL */
    /** BCP-47 source language, default "fr-FR"; fr_FR is read as fr-FR.
     *  en and en-* split with English abbreviations (dicts/en/).
     *  Any call taking options fails with DEPECHE_ERR_INVALID_ARG when it
     *  does not have a tag's shape (RFC 5646): it names files. */
    const char *lang;
    /** Hunspell dictionary: path without extension of a .dic/.aff pair.
     *  NULL: look up the language (fr-FR -> fr_FR, fr) in $DICPATH, then
     *  /usr/share/hunspell, /usr/share/myspell. */
    const char *dict_path;
    const char *personal_dict; /**< extra words, one a line, or NULL */
    const char *abbrev_file;   /**< extra abbreviations, one a line, or NULL */
    unsigned flags;            /**< DEPECHE_LOSSY | DEPECHE_NO_SPELL | ... */
    depeche_warn_fn warn_fn;   /**< NULL: repairs are counted, not told */
    void *warn_user;
    depeche_suggest suggest; /**< default DEPECHE_SUGGEST_FAST */
    /** Where the bytes given to depeche_normalize() start in a larger
     *  input: added to every offset it reports, so that a file can be
     *  normalized in pieces (at line starts), in parallel.  Default 0. */
    uint64_t input_offset;
    /** Threads the spell stage may use to analyse the new word types of a
     *  document.  Helpers answer from the compiled form of the dictionary
     *  and leave the few types that need Hunspell to the calling thread,
     *  whose one handle (~12 MB, ~40 ms to make) is made when a word first
     *  needs it; what the dictionary or the personal list gets wrong is
     *  still reported by depeche_pipeline_new().  0 or 1 (default): the
     *  calling thread alone; at most 8.  The pipeline also normalizes and
     *  splits the blocks of a document on a context's pool of threads - 1
     *  helpers (same bytes out).  Helpers are done before
     *  depeche_process() returns. */
    unsigned threads;
} depeche_options;

/** Sets every field to its default, and size to sizeof(depeche_options). */
DEPECHE_API void depeche_options_init(depeche_options *opts);

/** Parses "minimal", "typo" or "mt".  Returns DEPECHE_ERR_INVALID_ARG for
 *  anything else. */
DEPECHE_API depeche_status depeche_profile_parse(const char *name,
                                                 depeche_profile *out);

/* ------------------------------------------------------------------------ */
/* Documents: what the pipeline makes of one input                          */
/* ------------------------------------------------------------------------ */

/** What a block of the input is (clean stage), or a segment's kind. */
typedef enum depeche_kind {
    DEPECHE_KIND_BODY = 0,
    DEPECHE_KIND_TITLE = 1,
    DEPECHE_KIND_DATELINE = 2,
    DEPECHE_KIND_BLANK = 3,
    DEPECHE_KIND_SITE = 4,
    DEPECHE_KIND_BYLINE = 5,
    DEPECHE_KIND_BOILERPLATE = 6,
    DEPECHE_KIND_JUNK = 7
} depeche_kind;

/** "body", "title", "dateline", "blank", "site", "byline", "boilerplate",
 *  "junk". */
DEPECHE_API const char *depeche_kind_name(depeche_kind kind);

/** Why the clean stage dropped a block. */
typedef enum depeche_reason {
    DEPECHE_REASON_NONE = 0, /**< kept */
    DEPECHE_REASON_BLANK = 1,
    DEPECHE_REASON_SITE = 2,
    DEPECHE_REASON_BYLINE = 3,
    DEPECHE_REASON_BOILERPLATE = 4,
    DEPECHE_REASON_DUPLICATE = 5,
    DEPECHE_REASON_JUNK = 6,
    /* HTML input (see "HTML input" at the end): */
    DEPECHE_REASON_MARKUP = 7,     /**< tags, comments, <head> */
    DEPECHE_REASON_HIDDEN = 8,     /**< hidden, aria-hidden, display:none */
    DEPECHE_REASON_NAVIGATION = 9, /**< nav, menus, lists of links */
    DEPECHE_REASON_FORM = 10,      /**< forms, buttons, dialogs */
    DEPECHE_REASON_OUTSIDE = 11,   /**< outside the article */
    DEPECHE_REASON_CAPTION = 12,   /**< captions and photo credits */
    DEPECHE_REASON_CODE = 13       /**< script, style, svg, templates */
} depeche_reason;

/** "blank", "site", ...; NULL for DEPECHE_REASON_NONE. */
DEPECHE_API const char *depeche_reason_name(depeche_reason reason);

/** A block of the input as the clean stage saw it.  Blocks tile the input:
 *  block i+1 starts where block i ends, the first starts at 0 and the last
 *  ends at the input's length. */
typedef struct depeche_block {
    depeche_kind kind;
    depeche_reason reason; /**< DEPECHE_REASON_NONE when kept */
    uint64_t start, end;   /**< byte range in the input */
} depeche_block;

/** True (1) when the block is kept and holds text the later stages read:
 *  a title, a dateline or body. */
DEPECHE_API int depeche_block_is_text(const depeche_block *b);

/** A finding of the spell stage. */
typedef enum depeche_finding_kind {
    DEPECHE_FINDING_MISSPELLING = 0, /**< not a word; suggestions given */
    DEPECHE_FINDING_NAME = 1,        /**< unknown word that acts as a name */
    DEPECHE_FINDING_ACCENT = 2,      /**< Etats -> États, coeur -> cœur */
    DEPECHE_FINDING_FOREIGN = 3      /**< a run of words in another language */
} depeche_finding_kind;

/** "misspelling", "name", "accent", "foreign". */
DEPECHE_API const char *depeche_finding_kind_name(depeche_finding_kind kind);

typedef struct depeche_finding {
    depeche_finding_kind kind;
    const char *word;      /**< NUL-terminated, as it stands in the text */
    uint64_t start, end;   /**< byte range in the input */
    uint32_t line, column; /**< 1-based; column counts code points */
    size_t segment;        /**< index of the segment holding it (in a part,
                                among the part's: depeche_doc_segment()) */
    const char *const *suggestions; /**< best first */
    size_t suggestion_count;
    /** start and end in code points of the input, as depeche_cp_offsets()
     *  counts them (for languages that index strings by code point). */
    uint64_t cp_start, cp_end;
} depeche_finding;

typedef struct depeche_segment {
    const char *text;    /**< normalized, NUL-terminated, no LF inside */
    size_t len;          /**< bytes of text */
    depeche_kind kind;   /**< BODY, TITLE or DATELINE */
    uint64_t start, end; /**< byte range in the input */
    size_t paragraph;    /**< 0-based; as for depeche_sentence */
    size_t first_finding, finding_count; /**< its findings, in order */
    /** start and end in code points of the input, as depeche_cp_offsets()
     *  counts them. */
    uint64_t cp_start, cp_end;
} depeche_segment;

/** Metadata found by the clean stage; a field is NULL when not found. */
typedef struct depeche_meta {
    const char *source;          /**< site, e.g. "french.xinhuanet.com" */
    const char *title;           /**< the headline */
    const char *published;       /**< ISO 8601, e.g. "2021-02-24T19:18" */
    const char *dateline_place;  /**< "BAGDAD" */
    const char *dateline_date;   /**< ISO 8601 when resolvable, else as
                                      written */
    const char *dateline_agency; /**< "Xinhua" */
} depeche_meta;

/** A repair made to the input (under DEPECHE_LOSSY, or an encoding fix). */
typedef struct depeche_repair {
    const char *code;    /**< stable id, e.g. "DEPECHE-001" */
    uint64_t start, end; /**< byte range in the input */
    const char *message;
} depeche_repair;

typedef struct depeche_doc depeche_doc;

/** The id given to depeche_process (a file name, a JSONL key). */
DEPECHE_API const char *depeche_doc_id(const depeche_doc *doc);
/** The input's length in bytes. */
DEPECHE_API uint64_t depeche_doc_input_size(const depeche_doc *doc);
DEPECHE_API size_t depeche_doc_segment_count(const depeche_doc *doc);
/** NULL when i is out of range. */
DEPECHE_API const depeche_segment *depeche_doc_segment(const depeche_doc *doc,
                                                       size_t i);
DEPECHE_API size_t depeche_doc_block_count(const depeche_doc *doc);
DEPECHE_API const depeche_block *depeche_doc_block(const depeche_doc *doc,
                                                   size_t i);
DEPECHE_API size_t depeche_doc_finding_count(const depeche_doc *doc);
DEPECHE_API const depeche_finding *depeche_doc_finding(const depeche_doc *doc,
                                                       size_t i);
DEPECHE_API size_t depeche_doc_repair_count(const depeche_doc *doc);
DEPECHE_API const depeche_repair *depeche_doc_repair(const depeche_doc *doc,
                                                     size_t i);
/** Never NULL. */
DEPECHE_API const depeche_meta *depeche_doc_meta(const depeche_doc *doc);
/** The original input bytes (not NUL-terminated); of a part (see
 *  depeche_corpus_result), the part's bytes only, which start at
 *  depeche_doc_input_offset() of the whole document. */
DEPECHE_API const char *depeche_doc_input(const depeche_doc *doc);
/** Where depeche_doc_input() starts in the whole document: 0 but for a
 *  part after the first.  Every offset of the document (blocks, segments,
 *  findings, repairs) counts from the whole document's start. */
DEPECHE_API uint64_t depeche_doc_input_offset(const depeche_doc *doc);
/** Which part of its document doc is (0 for a document in one piece), and
 *  in *last (if not NULL) whether it is the last. */
DEPECHE_API size_t depeche_doc_part(const depeche_doc *doc, int *last);
/** Converts count byte offsets into text[0, len) to code-point offsets, in
 *  place: each becomes the number of code points that start before it.
 *  Bytes that are not UTF-8 (under DEPECHE_LOSSY) count one each, as they
 *  read as U+FFFD; an offset past len counts to len.  One pass over the
 *  text when the offsets come in order (a sentence's start and end, then
 *  the next's); any order works.  For depeche_sentence offsets, give the
 *  bytes that were fed; depeche_segment and depeche_finding carry their
 *  code-point offsets already (cp_start, cp_end). */
DEPECHE_API void depeche_cp_offsets(const char *text, size_t len,
                                    uint64_t *offsets, size_t count);
/** 1-based line and column (in code points) of a byte offset. */
DEPECHE_API void depeche_doc_line_col(const depeche_doc *doc, uint64_t offset,
                                      uint32_t *line, uint32_t *column);
DEPECHE_API void depeche_doc_free(depeche_doc *doc);

/* ------------------------------------------------------------------------ */
/* Context: what is read-only, made once, shared by workers                 */
/* ------------------------------------------------------------------------ */

/** What every worker of a run reads and none writes, made once from the
 *  options: the options themselves (strings copied, the language tag in
 *  BCP-47 spelling), the abbreviation table of the language and the
 *  user's list, the boilerplate phrases, the corpus statistics of
 *  depeche_context_observe() (frozen once a worker is made), where the
 *  dictionary is and whether it and the personal list are usable, and the
 *  thread pool (options.threads).  What a worker changes stays in the
 *  worker: the speller's cache of word types and its hunspell handle (one
 *  a worker: hunspell handles are not thread-safe), scratch buffers.
 *
 *  Lifetime: reference-counted.  depeche_context_new() gives the caller one
 *  reference, which depeche_context_free() drops; each worker made from the
 *  context holds one until it is freed.  So the caller may free the
 *  context as soon as its workers are made; the last to go frees it.
 *
 *      depeche_context *ctx;
 *      depeche_context_new(&opts, &ctx, &err);
 *      for each file of a corpus: depeche_context_observe(ctx, ...);
 *      in each of N threads:
 *          depeche_pipeline *p;
 *          depeche_pipeline_new_from_context(ctx, &p, &err);
 *          ... depeche_process(p, ...) ...
 *          depeche_pipeline_free(p);
 *      depeche_context_free(ctx);
 *
 *  Workers of one context give the same results, byte for byte, whatever
 *  thread runs them and whatever the other workers do. */
typedef struct depeche_context depeche_context;

/** Validates the options and loads what they name: fails with the
 *  source of the error (DEPECHE_SOURCE_LANG, _ABBREV_LIST,
 *  _PERSONAL_LIST, _DICTIONARY) and its file.  The dictionary is looked
 *  for here (unless DEPECHE_NO_SPELL) and each worker's speller opens that
 *  same one, whatever $DICPATH says later. */
DEPECHE_API depeche_status depeche_context_new(const depeche_options *opts,
                                               depeche_context **out,
                                               depeche_error *err);

/** depeche_pipeline_observe() for a context: lets the clean stage learn
 *  the lines that recur across the documents of a corpus.  Allowed until
 *  the first worker is made from the context (DEPECHE_ERR_STATE after:
 *  workers read the statistics without a lock).  Not thread-safe. */
DEPECHE_API depeche_status depeche_context_observe(depeche_context *ctx,
                                                   const char *bytes,
                                                   size_t len,
                                                   depeche_error *err);

/** Drops the caller's reference; the context goes with the last one
 *  (its thread pool is joined then).  NULL is fine. */
DEPECHE_API void depeche_context_free(depeche_context *ctx);

/* ------------------------------------------------------------------------ */
/* Pipeline: clean -> normalize -> segment -> spell, one document at a time */
/* ------------------------------------------------------------------------ */

typedef struct depeche_pipeline depeche_pipeline;

/** A worker reading ctx (which it keeps a reference to): its own speller
 *  (a hunspell handle, ~12 MB and ~40 ms, unless DEPECHE_NO_SPELL) and
 *  scratch.  Freezes the context's corpus statistics.  May be called from
 *  several threads at once on one context. */
DEPECHE_API depeche_status depeche_pipeline_new_from_context(
    depeche_context *ctx, depeche_pipeline **out, depeche_error *err);

/** Loads what the options name (abbreviations, boilerplate, and unless
 *  DEPECHE_NO_SPELL the dictionary).  Fails with DEPECHE_ERR_DICT and a
 *  message listing where it looked when no dictionary is found.  The
 *  same as a context of its own (depeche_context_new() then
 *  depeche_pipeline_new_from_context()), except that
 *  depeche_pipeline_observe() stays allowed. */
DEPECHE_API depeche_status depeche_pipeline_new(const depeche_options *opts,
                                                depeche_pipeline **out,
                                                depeche_error *err);

/** Runs every stage on one document.  `id` names the document in exports
 *  (it is copied).  Bad input fails with DEPECHE_ERR_BAD_INPUT and the byte
 *  offset, unless the options say DEPECHE_LOSSY.  Input is UTF-8: UTF-16
 *  and UTF-32 text (a byte order mark) fails at byte 0 with a message
 *  naming it, under DEPECHE_LOSSY too (so does the segmenter and
 *  depeche_normalize): decoded, no offset would point into the caller's
 *  bytes.  Convert it first (iconv -f UTF-16 -t UTF-8). */
DEPECHE_API depeche_status depeche_process(depeche_pipeline *p, const char *id,
                                           const char *bytes, size_t len,
                                           depeche_doc **out,
                                           depeche_error *err);

/** Lets the clean stage learn from a corpus: counts the short lines of one
 *  document by source.  Only for a pipeline made by depeche_pipeline_new()
 *  (DEPECHE_ERR_STATE for one made from a shared context: observe the
 *  context before making workers).  It counts the short lines of one
 *  document by source (its site).  Call it for every document of a run
 *  before processing any: a line held by at least 3 documents of a source
 *  and by at least half of them is then dropped from each as boilerplate
 *  ("Suivez-nous sur ...").  Memory grows with the distinct short lines,
 *  16 bytes each, not with the text.  Invalid UTF-8 is read leniently here;
 *  depeche_process() reports it. */
DEPECHE_API depeche_status depeche_pipeline_observe(depeche_pipeline *p,
                                                    const char *bytes,
                                                    size_t len,
                                                    depeche_error *err);

DEPECHE_API void depeche_pipeline_free(depeche_pipeline *p);

/* ------------------------------------------------------------------------ */
/* Normalize alone                                                          */
/* ------------------------------------------------------------------------ */

/** Normalizes `len` bytes with opts->profile.  On success *out is a
 *  NUL-terminated string of *out_len bytes, released with depeche_free().
 *  Line structure is kept: LF stays LF (CRLF and CR become LF). */
DEPECHE_API depeche_status depeche_normalize(const depeche_options *opts,
                                             const char *in, size_t len,
                                             char **out, size_t *out_len,
                                             depeche_error *err);

/** Releases memory returned by depeche_normalize(). */
DEPECHE_API void depeche_free(void *p);

/* ------------------------------------------------------------------------ */
/* Segment alone, streaming                                                 */
/* ------------------------------------------------------------------------ */

/** One sentence as the segmenter found it.  text is borrowed and not
 *  NUL-terminated; it is the input's own characters (under DEPECHE_LOSSY,
 *  invalid bytes read as U+FFFD). */
typedef struct depeche_sentence {
    const char *text;
    size_t len;
    uint64_t start, end; /**< byte range in the stream */
    /** 0-based.  Lines and paragraphs mean the same to every call and
     *  command: a line ends at LF, CR, CRLF, U+2028 or U+2029; a paragraph
     *  at U+2029 or a blank line (spaces and invisible characters only);
     *  line numbers (depeche_doc_line_col) count those lines. */
    size_t paragraph;
} depeche_sentence;

/** Return non-zero to stop: feed/finish then return DEPECHE_ERR_ABORTED. */
typedef int (*depeche_sentence_fn)(void *user, const depeche_sentence *s);

typedef struct depeche_segmenter depeche_segmenter;

/** Every line break is a hard boundary; a blank line or U+2029 starts a
 *  paragraph (see depeche_sentence).
 *  Input may be cut anywhere between feeds, even inside a UTF-8 sequence
 *  or an abbreviation: the sentences are the same.
 *
 *      depeche_segmenter *s;
 *      depeche_segmenter_new(&opts, print_sentence, stdout, &s, &err);
 *      while ((n = fread(buf, 1, sizeof buf, f)) > 0)
 *          if (depeche_segmenter_feed(s, buf, n, &err)) break;
 *      depeche_segmenter_finish(s, &err);
 *      depeche_segmenter_free(s);
 *
 *  After an error only reset and free are allowed. */
DEPECHE_API depeche_status depeche_segmenter_new(const depeche_options *opts,
                                                 depeche_sentence_fn fn,
                                                 void *user,
                                                 depeche_segmenter **out,
                                                 depeche_error *err);
/** depeche_segmenter_new() with a context's options (validated once) and
 *  its abbreviation table, shared: nothing is read again.  The segmenter
 *  holds a reference to the context until it is freed, so the caller may
 *  free the context first.  May be called from several threads at once on
 *  one context. */
DEPECHE_API depeche_status depeche_segmenter_new_from_context(
    depeche_context *ctx, depeche_sentence_fn fn, void *user,
    depeche_segmenter **out, depeche_error *err);
DEPECHE_API depeche_status depeche_segmenter_feed(depeche_segmenter *s,
                                                  const char *buf, size_t len,
                                                  depeche_error *err);
DEPECHE_API depeche_status depeche_segmenter_finish(depeche_segmenter *s,
                                                    depeche_error *err);
/** Forgets the stream; the next feed starts a new one at offset 0. */
DEPECHE_API void depeche_segmenter_reset(depeche_segmenter *s);
DEPECHE_API void depeche_segmenter_free(depeche_segmenter *s);

/* ------------------------------------------------------------------------ */
/* Export                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum depeche_format {
    DEPECHE_FORMAT_TMX = 0,    /**< TMX 1.4b */
    DEPECHE_FORMAT_XLIFF = 1,  /**< XLIFF 1.2 */
    DEPECHE_FORMAT_XLIFF2 = 2, /**< XLIFF 2.1 */
    DEPECHE_FORMAT_MOSES = 3,  /**< one segment a line */
    DEPECHE_FORMAT_TSV = 4,
    DEPECHE_FORMAT_JSONL = 5,
    DEPECHE_FORMAT_TEXT = 6, /**< one segment a line, blank line between
                                  paragraphs */
    /* Reports on the stages rather than exports of segments: */
    DEPECHE_FORMAT_CLEAN_TEXT = 7,  /**< the kept text, a paragraph a line */
    DEPECHE_FORMAT_CLEAN_JSONL = 8, /**< a record a block, then metadata */
    DEPECHE_FORMAT_SPELL_TEXT = 9,  /**< FILE:LINE:COL: KIND: WORD -> s1 */
    DEPECHE_FORMAT_SPELL_JSONL = 10 /**< a record a finding */
} depeche_format;

/** Parses "tmx", "xliff", "xliff2", "moses", "tsv", "jsonl", "text" (the
 *  segment exports; the report formats have no name). */
DEPECHE_API depeche_status depeche_format_parse(const char *name,
                                                depeche_format *out);

/** Where a writer's bytes go.  Return 0 on success, non-zero on failure
 *  (the writer then fails with DEPECHE_ERR_IO). */
typedef int (*depeche_sink_fn)(void *user, const char *bytes, size_t len);

/** Flags for depeche_writer_options.flags. */
enum {
    /** TMX and XLIFF: the findings a translator must act on
     *  (misspellings, accent advice) as notes.  XLIFF 1.2 writes them
     *  <note from="developer">, which translate-toolkit's xliff2po keeps
     *  as "#." comments. */
    DEPECHE_WRITE_NOTES = 1u << 0,
    /** XLIFF: copy the source into <target> when a unit has no target of
     *  its own, marked untranslated (1.2 state "needs-translation", 2.1
     *  "initial"): OmegaT 3's XLIFF filter offers only <target> text for
     *  translation, and shows no segment of a file without targets. */
    DEPECHE_WRITE_COPY_SOURCE = 1u << 1,
    /** Spell reports: the sentence around each finding, as the input has
     *  it, at most 60 characters each side of the word (… where cut).
     *  Text: an indented line under the finding and a caret line under
     *  the word; JSONL: "context" and "context_start" (its input offset). */
    DEPECHE_WRITE_CONTEXT = 1u << 2,
    /** Units carry targets (depeche_writer_add_unit): needs target_lang.
     *  TSV gets the columns target_seg, target_start, target_end, target
     *  (empty without a target); every JSONL record the keys "segs",
     *  "target", "target_segs", "target_start", "target_end" (null and []
     *  without one); Moses writes the target lines to target_sink.
     *  Without this flag a unit with a target is refused, so that a
     *  single-language file never changes shape. */
    DEPECHE_WRITE_BILINGUAL = 1u << 3,
    /** TMX and XLIFF: the findings that ask nothing of a translator
     *  (names, foreign runs) as notes too; with DEPECHE_WRITE_NOTES,
     *  every finding. */
    DEPECHE_WRITE_NAME_NOTES = 1u << 4
};

/** Size-prefixed as depeche_options: initialise with
 *  depeche_writer_options_init(). */
typedef struct depeche_writer_options {
    size_t size; /**< set by depeche_writer_options_init(); first */
    depeche_format format;
    const char *source_lang; /**< BCP-47, default "fr-FR" */
    const char *target_lang; /**< NULL: none */
    /** TMX creationdate as seconds since the epoch; -1: the time now, or
     *  $SOURCE_DATE_EPOCH when the caller has put it here. */
    int64_t creation_time;
    unsigned flags;
    /** Moses with DEPECHE_WRITE_BILINGUAL: where the target lines go, line
     *  for line with the source lines the writer's own sink receives (the
     *  caller names the files, e.g. PREFIX.fr and PREFIX.en).  Required
     *  there, ignored elsewhere; NULL by default.  Flushed when the
     *  writer's sink is. */
    depeche_sink_fn target_sink;
    void *target_user;
} depeche_writer_options;

/** Sets every field to its default: TMX, "fr-FR", no target, the time now,
 *  no flags, no target sink. */
DEPECHE_API void depeche_writer_options_init(depeche_writer_options *opts);

typedef struct depeche_writer depeche_writer;

/** Makes a writer of opts->format that sends its bytes to sink(user, ...).
 *  Language tags are copied and written in BCP-47 spelling (fr_FR ->
 *  fr-FR); DEPECHE_ERR_INVALID_ARG for a tag that is not one, for an
 *  unknown format, for XLIFF 2 copying sources or DEPECHE_WRITE_BILINGUAL
 *  without a target_lang, and for bilingual Moses without a target_sink.
 *  The format's header (if any) is written with the first document. */
DEPECHE_API depeche_status
depeche_writer_new(const depeche_writer_options *opts, depeche_sink_fn sink,
                   void *user, depeche_writer **out, depeche_error *err);
/** Writes one document: each segment that is not blank becomes a unit
 *  (its text, index, kind, offsets and findings) given to
 *  depeche_writer_add_unit(), between depeche_writer_begin_doc() and
 *  depeche_writer_end_doc() with the document's id and metadata.  Several
 *  documents go to one file: one <file> (XLIFF) or document id each.  The
 *  parts of a document (depeche_corpus_result), given in order, are
 *  written as one document, each flushed to the sink as it comes (the
 *  clean JSONL report writes the metadata record with the first). */
DEPECHE_API depeche_status depeche_writer_add(depeche_writer *w,
                                              const depeche_doc *doc,
                                              depeche_error *err);

/* ---- Export by units: what an aligner writes without a depeche_doc ---- */

/** One segment of one side of a unit.  Every pointer is borrowed: it is read
 *  during depeche_writer_add_unit() only. */
typedef struct depeche_unit_segment {
    const char *text;    /**< UTF-8, need not be NUL-terminated */
    size_t len;          /**< bytes of text */
    size_t index;        /**< 0-based index of the segment in its input */
    uint64_t start, end; /**< byte range in its input */
} depeche_unit_segment;

/** How far a unit's target can be trusted (XLIFF states). */
typedef enum depeche_target_state {
    /** A translation (XLIFF 1.2 state "translated", 2.1 "translated"). */
    DEPECHE_TARGET_TRANSLATED = 0,
    /** A translation a person should check, e.g. a weak alignment (1.2
     *  "needs-review-translation", 2.1 "translated" with subState
     *  "depeche:needs-review"). */
    DEPECHE_TARGET_NEEDS_REVIEW = 1
} depeche_target_state;

/** A property of a unit beyond the fixed ones, e.g. {"score", "0.93"}. */
typedef struct depeche_unit_prop {
    const char *name;  /**< 1 to 32 of [a-z0-9-], starting with a letter */
    const char *value; /**< UTF-8, NUL-terminated */
} depeche_unit_prop;

/** A translation unit: one or more source segments, optionally the target
 *  segments aligned with them, and what is known about them.  A plain
 *  struct of borrowed pointers: fill it on the stack (zero it first, so
 *  that fields added later read as absent) and pass it to
 *  depeche_writer_add_unit(), which copies what it writes before it
 *  returns.
 *
 *  Where a format holds one text a side (all of them), the segments of a
 *  side are joined with one space, blank ones left out; the unit's id,
 *  offsets and index are those of its first source segment (TMX x-seg,
 *  TSV and JSONL list them all).  A unit whose source is blank is not
 *  written, in any format; a blank target is no target. */
typedef struct depeche_unit {
    const depeche_unit_segment *source; /**< at least one */
    size_t source_count;
    /** NULL / 0: a source-only unit.  Only for a writer made with
     *  DEPECHE_WRITE_BILINGUAL: TMX writes a second <tuv> in target_lang,
     *  XLIFF fills <target>, Moses writes the line to target_sink, TSV
     *  and JSONL fill their target fields; the text format writes sources
     *  only.  A bilingual Moses writer skips units without one, so that
     *  its two files stay line-parallel. */
    const depeche_unit_segment *target;
    size_t target_count;
    depeche_target_state target_state; /**< XLIFF only */
    depeche_kind kind;                 /**< BODY, TITLE or DATELINE */
    size_t paragraph; /**< text format: a blank line when it changes */
    /** Written as notes (TMX and XLIFF under DEPECHE_WRITE_NOTES) and as
     *  JSONL "findings".  Offsets and line:column are the caller's. */
    const depeche_finding *findings;
    size_t finding_count;
    /** TMX <prop type="x-NAME">, XLIFF 1.2 <context context-type="x-NAME">,
     *  XLIFF 2.1 <note category="depeche:NAME">, JSONL "props":{}; TSV,
     *  Moses and text leave them out. */
    const depeche_unit_prop *props;
    size_t prop_count;
} depeche_unit;

/** Opens a document in the output: its id (a file name, a pair of them)
 *  and its metadata (NULL: none), both copied.  XLIFF writes a <file>
 *  for it, TMX a x-doc property on each of its units, TSV and JSONL the id
 *  on each line.  DEPECHE_ERR_STATE when a document is open already. */
DEPECHE_API depeche_status depeche_writer_begin_doc(depeche_writer *w,
                                                    const char *id,
                                                    const depeche_meta *meta,
                                                    depeche_error *err);
/** Writes one unit of the open document (DEPECHE_ERR_STATE when none is
 *  open).  DEPECHE_ERR_INVALID_ARG, and nothing written, for a unit
 *  without source, with a target when the writer is not bilingual, or
 *  with a property name that is not one. */
DEPECHE_API depeche_status depeche_writer_add_unit(depeche_writer *w,
                                                   const depeche_unit *u,
                                                   depeche_error *err);
/** Closes the open document and hands everything written so far to the
 *  sink(s): a consumer reading the sink sees whole documents. */
DEPECHE_API depeche_status depeche_writer_end_doc(depeche_writer *w,
                                                  depeche_error *err);

/** Writes the footer.  Must be called once, after the last document (an
 *  open one is an error: DEPECHE_ERR_STATE). */
DEPECHE_API depeche_status depeche_writer_finish(depeche_writer *w,
                                                 depeche_error *err);
/** How many characters the writer could not write as they were and
 *  replaced: a tab or line break inside a Moses, text or TSV line (a space,
 *  or a \t \n escape in TSV), a character XML 1.0 forbids or invalid
 *  UTF-8 (U+FFFD).  Callers report it; 0 for text from the pipeline,
 *  which normalization has already cleaned. */
DEPECHE_API uint64_t depeche_writer_replaced(const depeche_writer *w);
DEPECHE_API void depeche_writer_free(depeche_writer *w);

/* ------------------------------------------------------------------------ */
/* Align: a text and its translation, sentence by sentence                  */
/* ------------------------------------------------------------------------ */

/** One sentence of one side, as given to depeche_align().  Borrowed: read
 *  during the call only. */
typedef struct depeche_align_sentence {
    const char *text; /**< UTF-8, need not be NUL-terminated */
    size_t len;       /**< bytes of text */
    /** 0-based paragraph: a bead never joins sentences of two paragraphs
     *  of the same side.  0 everywhere when unknown. */
    size_t paragraph;
} depeche_align_sentence;

/** A bead: src_count consecutive source sentences from src_first and
 *  tgt_count target sentences from tgt_first, translations of each other.
 *  One count may be 0: a sentence the other side left out (an omission is
 *  a bead too, never a silent loss).  Beads are in document order and tile
 *  both sides.  score is from 0 (no evidence) to 1 (length and words agree
 *  fully); omissions score 0. */
typedef struct depeche_bead {
    size_t src_first, src_count;
    size_t tgt_first, tgt_count;
    double score;
} depeche_bead;

/** Flags for depeche_align_options.flags. */
enum {
    /** No bilingual dictionary: lengths, identical words, numbers and
     *  cognates only. */
    DEPECHE_ALIGN_NO_DICT = 1u << 0,
    /** No second pass with the word pairs learnt from a document's
     *  confident links (faster; depeche_aligner_learn() still works). */
    DEPECHE_ALIGN_NO_LEARN = 1u << 1
};

/** Size-prefixed as depeche_options: initialise with
 *  depeche_align_options_init(). */
typedef struct depeche_align_options {
    size_t size;             /**< set by depeche_align_options_init() */
    const char *source_lang; /**< BCP-47, default "fr-FR" */
    const char *target_lang; /**< BCP-47, default "en-US" */
    /** A hunalign dictionary (`TARGET @ SOURCE` a line); NULL: the Debian
     *  FreeDict dictionary of the language pair (dict-freedict-fra-eng and
     *  dict-freedict-eng-fra for French and English, both when installed),
     *  looked for in dictd_dir; none found is not an error (see
     *  depeche_aligner_dict_entries). */
    const char *dict_bi;
    /** Where dictd dictionaries live; NULL: /usr/share/dictd. */
    const char *dictd_dir;
    unsigned flags; /**< DEPECHE_ALIGN_NO_DICT, DEPECHE_ALIGN_NO_LEARN */
} depeche_align_options;

/** Sets every field to its default. */
DEPECHE_API void depeche_align_options_init(depeche_align_options *opts);

typedef struct depeche_aligner depeche_aligner;

/** Loads the dictionary the options name.  DEPECHE_ERR_INVALID_ARG for a
 *  language tag that is not one; DEPECHE_ERR_DICT (with the file and byte
 *  offset in the message) for an unreadable dict_bi or a broken FreeDict
 *  file. */
DEPECHE_API depeche_status depeche_aligner_new(const depeche_align_options *o,
                                               depeche_aligner **out,
                                               depeche_error *err);

/** How many word pairs the bilingual dictionary gave (0: none found). */
DEPECHE_API size_t depeche_aligner_dict_entries(const depeche_aligner *a);

/** Aligns nsrc source sentences with ntgt target sentences.  On success
 *  *beads points to *count beads (1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 2-3,
 *  3-2, 1-4, 4-1, 1-0, 0-1), owned by the aligner and valid until its next
 *  depeche_align() or depeche_aligner_free().  Time and memory grow
 *  linearly with the number of sentences: the search stays in a band
 *  around the diagonal, widened when the best path touches its edge.
 *  A sentence that is not UTF-8 fails with DEPECHE_ERR_BAD_INPUT, its first
 *  bad byte as byte_offset (an offset in that sentence's text) and the
 *  side and sentence number in the message; the first such sentence is
 *  named, the source side read before the target. */
DEPECHE_API depeche_status
depeche_align(depeche_aligner *a, const depeche_align_sentence *src,
              size_t nsrc, const depeche_align_sentence *tgt, size_t ntgt,
              const depeche_bead **beads, size_t *count, depeche_error *err);

/** Lexicon re-estimation over a corpus, step one: aligns a document pair
 *  (one pass, no beads returned) and counts the words of its confident 1-1
 *  links toward the aligner's corpus table.  depeche_align() already
 *  learns from each document alone; studying every document of a corpus
 *  first, then calling depeche_aligner_learn(), lets the words of all of
 *  them count. */
DEPECHE_API depeche_status depeche_aligner_study(
    depeche_aligner *a, const depeche_align_sentence *src, size_t nsrc,
    const depeche_align_sentence *tgt, size_t ntgt, depeche_error *err);

/** Step two: adds the word pairs the studied documents make significant
 *  (log-likelihood ratio, each word with its best partner) to the
 *  aligner's lexicon, for every later depeche_align(); their number into
 *  *pairs (may be NULL).  The counts are then cleared. */
DEPECHE_API depeche_status depeche_aligner_learn(depeche_aligner *a,
                                                 size_t *pairs,
                                                 depeche_error *err);

DEPECHE_API void depeche_aligner_free(depeche_aligner *a);

/* ------------------------------------------------------------------------ */
/* HTML input                                                               */
/* ------------------------------------------------------------------------ */

/** Flags for depeche_options.flags: what the input is.  Without either,
 *  depeche_process() reads a page as HTML when it opens like one (after a
 *  BOM, spaces and comments: <!DOCTYPE html, <html, <head, <meta or
 *  <body), and as text otherwise.
 *
 *  An HTML page is decoded (its charset from a BOM or a <meta>, else
 *  UTF-8 when it is valid UTF-8, else Windows-1252, reported as
 *  DEPECHE-020), cut into blocks at block elements, and the article is
 *  chosen among them; its blocks are kept, with the headline as the
 *  title.  Blocks still tile the page's bytes: markup, scripts, menus,
 *  hidden elements, forms and everything outside the article are dropped
 *  blocks with a reason (DEPECHE_REASON_MARKUP ...).  Offsets of segments
 *  and findings point into the page's bytes. */
enum {
    DEPECHE_INPUT_HTML = 1u << 8, /**< read the input as an HTML page */
    DEPECHE_INPUT_TEXT = 1u << 9  /**< read it as text, even if it looks
                                       like HTML */
};

/** The decoded text of a kept block of an HTML page (what the later stages
 *  read), or NULL for a block of text input, which is its own bytes.
 *  *len receives its length. */
DEPECHE_API const char *depeche_doc_block_text(const depeche_doc *doc, size_t i,
                                               size_t *len);

/* ------------------------------------------------------------------------ */
/* Large buffers                                                            */
/* ------------------------------------------------------------------------ */

/** A hint for a large buffer about to be filled, such as the one a caller
 *  reads its input into: where the system allows it, the buffer is backed
 *  with huge pages, so that filling it costs a page fault each 2 MiB
 *  rather than each 4 KiB (a tenth of a 10 MB normalization's time on the
 *  virtual machines we measure on).  Buffers under 4 MiB are left alone;
 *  the contents never change and nothing can fail. */
DEPECHE_API void depeche_advise_large_buffer(void *buf, size_t n);

/* ------------------------------------------------------------------------ */
/* Corpus runs: many documents, N threads, results in input order          */
/* ------------------------------------------------------------------------ */

/** Fits opts to what a writer of wo will show, so that no work is done for
 *  nothing: suggestions are computed only when the format shows them
 *  (JSONL, the spell reports, and TMX and XLIFF with notes); elsewhere
 *  (Moses, TSV, text, the clean reports, TMX and XLIFF without notes)
 *  opts->suggest becomes DEPECHE_SUGGEST_NONE.  The bytes written are the
 *  same; findings and their counts too (suggestions come after a word is
 *  judged). */
DEPECHE_API void depeche_options_fit_writer(depeche_options *opts,
                                            const depeche_writer_options *wo);

/** A warning a document raised while it was processed (what warn_fn would
 *  have received). */
typedef struct depeche_corpus_warning {
    const char *code;
    uint64_t offset; /**< in the document's bytes, or DEPECHE_NO_OFFSET */
    const char *message;
} depeche_corpus_warning;

/** One document's outcome, handed to the caller in input order.  Every
 *  pointer is valid during the callback only. */
typedef struct depeche_corpus_result {
    size_t index; /**< 0-based, in the order of depeche_corpus_add(); a
                       part (see `part`) counts one */
    uint64_t tag; /**< the caller's, as given to depeche_corpus_add() */
    const char *id;
    /** The document, or NULL when processing failed: status and error say
     *  why (error's byte_offset is in the document's bytes). */
    const depeche_doc *doc;
    depeche_status status;
    const depeche_error *error;
    /** The document's warnings, in the order they were raised. */
    const depeche_corpus_warning *warnings;
    size_t warning_count;
    /** A document longer than depeche_corpus_options.part_bytes comes back
     *  in parts, in order, each with its own result: part is 0, 1, ...
     *  and last_part is 1 on the last (on the only one for a document in
     *  one piece).  A writer given the parts in order with
     *  depeche_writer_add() writes one document.  Offsets, in the error,
     *  the warnings and the part's depeche_doc, count from the start of
     *  the whole document. */
    size_t part;
    int last_part;
} depeche_corpus_result;

/** Receives each document's result on the thread that called
 *  depeche_corpus_add() or depeche_corpus_finish().  Return non-zero to
 *  stop the run: those calls then return DEPECHE_ERR_ABORTED and the
 *  documents not yet handed over are dropped. */
typedef int (*depeche_corpus_fn)(void *user, const depeche_corpus_result *r);

/** Size-prefixed as depeche_options: initialise with
 *  depeche_corpus_options_init(). */
typedef struct depeche_corpus_options {
    size_t size; /**< set by depeche_corpus_options_init(); first */
    /** Threads processing documents, each with its own pipeline (a
     *  hunspell handle each).  0 or 1: the calling thread does the work,
     *  one document at a time.  At most 64. */
    unsigned workers;
    /** Documents read but not yet handed back, at most; 0: 4 a worker. */
    size_t max_queued;
    /** Input bytes of those documents, at most (a larger document is
     *  still taken, alone); 0: 64 MiB.  Memory stays bounded by these two
     *  and the largest document, however large the corpus. */
    size_t max_queued_bytes;
    /** A document longer than this is processed in parts of about this
     *  size, cut after a paragraph break (utf8.h's: a blank line or
     *  U+2029), or after a line break when a part holds none (reported,
     *  DEPECHE-010); a line is never cut, however long.  Memory
     *  then grows with the part, not the document.  Within a part the
     *  stages run as on a document, except that: the title and the
     *  dateline are looked for in the first part only; the lines around
     *  a scraped article (CL-W) are not looked for; a repeated run of
     *  paragraphs (CL-R) is found within its part; the speller's
     *  evidence for names is counted within the part.  A page read as
     *  HTML is never cut.  0: 8 MiB; SIZE_MAX: never cut. */
    size_t part_bytes;
} depeche_corpus_options;

/** Sets every field to its default. */
DEPECHE_API void depeche_corpus_options_init(depeche_corpus_options *o);

/** A corpus run: the caller reads documents and adds them one by one;
 *  workers process them; results come back through fn in the order the
 *  documents were added, on the caller's thread, whatever the number of
 *  workers (the same bytes out with 1 or 64).  opts->warn_fn is not
 *  called for documents: their warnings come with their result.
 *
 *      depeche_corpus *c;
 *      depeche_corpus_new(&opts, &co, on_result, out, &c, &err);
 *      while (read a document) depeche_corpus_add(c, id, 0, bytes, n, &err);
 *      depeche_corpus_finish(c, &err);
 *      depeche_corpus_free(c); */
typedef struct depeche_corpus depeche_corpus;

DEPECHE_API depeche_status depeche_corpus_new(const depeche_options *opts,
                                              const depeche_corpus_options *co,
                                              depeche_corpus_fn fn, void *user,
                                              depeche_corpus **out,
                                              depeche_error *err);

/** depeche_context_observe() on the run's context: only before the first
 *  depeche_corpus_add() (DEPECHE_ERR_STATE after). */
DEPECHE_API depeche_status depeche_corpus_observe(depeche_corpus *c,
                                                  const char *bytes, size_t len,
                                                  depeche_error *err);

/** Boilerplate models (rule CL-X): the lines that recur across the
 *  documents of one source, counted by depeche_context_observe(), saved
 *  by a learning run and loaded by later runs, so that no run needs to
 *  read its whole corpus first and a document's output depends on the
 *  model given, never on which other documents share its run.  A model
 *  is text: a header line "depeche boilerplate model 1", then a count a
 *  line, "s KEY N" (a source seen in N documents) or "l KEY N" (a line of
 *  a source, in N of them), KEY 16 hex digits of a 64-bit hash, keys in
 *  order; it holds no text of the corpus.  Loading adds counts: models
 *  put one after another (cat) load as the model of their corpora.
 *
 *  Writes what ctx counted as a model through sink. */
DEPECHE_API depeche_status depeche_context_save_boilerplate(
    const depeche_context *ctx, depeche_sink_fn sink, void *user,
    depeche_error *err);
/** Adds a model's counts to ctx's: only before the first worker is made
 *  (DEPECHE_ERR_STATE after).  A line that is no model's fails with
 *  DEPECHE_ERR_BAD_INPUT, byte_offset at its start. */
DEPECHE_API depeche_status depeche_context_load_boilerplate(
    depeche_context *ctx, const char *bytes, size_t len, depeche_error *err);
/** The same on a corpus run's context (load: before the first document). */
DEPECHE_API depeche_status
depeche_corpus_save_boilerplate(const depeche_corpus *c, depeche_sink_fn sink,
                                void *user, depeche_error *err);
DEPECHE_API depeche_status depeche_corpus_load_boilerplate(depeche_corpus *c,
                                                           const char *bytes,
                                                           size_t len,
                                                           depeche_error *err);

/** Queues one document (id and bytes are copied), first handing back the
 *  results that are ready; waits while the queue is full.  The first call
 *  makes the workers: it fails as depeche_pipeline_new_from_context()
 *  does.  DEPECHE_ERR_ABORTED once fn asked to stop.  The same as
 *  depeche_corpus_begin(), depeche_corpus_feed() and depeche_corpus_end(). */
DEPECHE_API depeche_status depeche_corpus_add(depeche_corpus *c, const char *id,
                                              uint64_t tag, const char *bytes,
                                              size_t len, depeche_error *err);

/** A document given in pieces, so that a document larger than memory can
 *  be read as it goes: begin, feed its bytes in any number of pieces (cut
 *  anywhere, even inside a character), end.  Parts are queued as soon as
 *  they are complete (see part_bytes).  No other document may be added
 *  between begin and end (DEPECHE_ERR_STATE). */
DEPECHE_API depeche_status depeche_corpus_begin(depeche_corpus *c,
                                                const char *id, uint64_t tag,
                                                depeche_error *err);
DEPECHE_API depeche_status depeche_corpus_feed(depeche_corpus *c,
                                               const char *bytes, size_t len,
                                               depeche_error *err);
DEPECHE_API depeche_status depeche_corpus_end(depeche_corpus *c,
                                              depeche_error *err);

/** Waits for every queued document and hands back the rest of the
 *  results. */
DEPECHE_API depeche_status depeche_corpus_finish(depeche_corpus *c,
                                                 depeche_error *err);

/** Stops the workers (documents not handed back are dropped) and frees
 *  the run.  NULL is fine. */
DEPECHE_API void depeche_corpus_free(depeche_corpus *c);

/* ------------------------------------------------------------------------ */
/* JSONL corpora: one document a line                                      */
/* ------------------------------------------------------------------------ */

/** A record's document: its id and its text, decoded (escapes resolved,
 *  surrogate pairs joined).  Both are NUL-terminated and owned by the
 *  reader, valid until its next parse. */
typedef struct depeche_jsonl_record {
    /** NULL when the record has no id field; a number as written. */
    const char *id;
    size_t id_len;
    /** NULL for a blank line (no record); may hold NUL bytes (\u0000),
     *  which depeche_process() then reports. */
    const char *text;
    size_t text_len;
} depeche_jsonl_record;

typedef struct depeche_jsonl depeche_jsonl;

/** A reader of records whose id and text are the top-level fields named
 *  id_field and text_field (NULL: "id" and "text"). */
DEPECHE_API depeche_status depeche_jsonl_new(const char *id_field,
                                             const char *text_field,
                                             depeche_jsonl **out,
                                             depeche_error *err);

/** Parses one line (without its LF) as one JSON object, checking all of
 *  it (RFC 8259).  DEPECHE_ERR_BAD_INPUT, with the byte offset in the
 *  line, for malformed JSON, a record that is not an object, a text that
 *  is not a string or is missing, an id that is neither a string nor a
 *  number, a lone surrogate.  Of a field given twice the last counts.
 *  Bytes of 0x80 and above are copied as they are (depeche_process()
 *  checks the text's UTF-8). */
DEPECHE_API depeche_status depeche_jsonl_parse(depeche_jsonl *j,
                                               const char *line, size_t len,
                                               depeche_jsonl_record *rec,
                                               depeche_error *err);

DEPECHE_API void depeche_jsonl_free(depeche_jsonl *j);

/* ------------------------------------------------------------------------ */
/* Corpus filters: dedup across documents, bounds on segments              */
/* ------------------------------------------------------------------------ */

/** What counts as said before. */
typedef enum depeche_dedup {
    DEPECHE_DEDUP_NONE = 0,
    /** The same bytes. */
    DEPECHE_DEDUP_EXACT = 1,
    /** The same letters once case, accents and other marks, punctuation,
     *  digits and spaces are folded away (as bifixer does): "L'État, 2021."
     *  repeats "l etat 2022". */
    DEPECHE_DEDUP_NORMALIZED = 2
} depeche_dedup;

/** Parses "none", "exact" or "normalized". */
DEPECHE_API depeche_status depeche_dedup_parse(const char *name,
                                               depeche_dedup *out);

/** Why a filter dropped a document or a segment. */
typedef enum depeche_drop {
    DEPECHE_DROP_DUPLICATE_DOCUMENT = 0, /**< its segments, all repeated */
    DEPECHE_DROP_DUPLICATE_SEGMENT = 1,
    DEPECHE_DROP_SHORT = 2,      /**< fewer characters than min_chars */
    DEPECHE_DROP_LONG = 3,       /**< more than max_chars */
    DEPECHE_DROP_FEW_WORDS = 4,  /**< fewer words than min_words */
    DEPECHE_DROP_MANY_WORDS = 5, /**< more than max_words */
    DEPECHE_DROP_LETTERS = 6,    /**< a share of letters under min_letters */
    DEPECHE_DROP_MISSPELLED = 7, /**< more misspellings than allowed */
    DEPECHE_DROP_COUNT = 8
} depeche_drop;

/** "duplicate document", "duplicate segment", "too short", ... */
DEPECHE_API const char *depeche_drop_name(depeche_drop why);

/** Bounds on a segment; 0 (and -1 for max_misspellings) is no bound.
 *  Characters are code points; words are runs of characters between spaces;
 *  the share of letters is taken among the characters that are not
 *  spaces. */
typedef struct depeche_filter_options {
    size_t size; /**< set by depeche_filter_options_init(); first */
    depeche_dedup dedup;
    size_t min_chars, max_chars;
    size_t min_words, max_words;
    double min_letters; /**< 0 to 1 */
    long max_misspellings;
} depeche_filter_options;

/** No dedup, no bound (size-prefixed as depeche_options). */
DEPECHE_API void depeche_filter_options_init(depeche_filter_options *o);

/** Remembers what was written (a 64-bit hash a distinct document and
 *  segment: memory grows with the distinct segments of the corpus, 16
 *  bytes each at most) and counts what it drops.  One thread at a time. */
typedef struct depeche_filter depeche_filter;

DEPECHE_API depeche_status depeche_filter_new(const depeche_filter_options *o,
                                              depeche_filter **out,
                                              depeche_error *err);

/** Writes the segments of doc that pass (as depeche_writer_add() would
 *  write them, each with its index, kind, offsets and findings) through the
 *  writer's unit calls.  A document whose non-blank segments all repeat an
 *  earlier document's, in order, is dropped whole (counted as one); a
 *  segment out of bounds is dropped, then one said before.  A document
 *  left without segments is not written.  *written (may be NULL) says
 *  whether it was.  Segment exports only (not the report formats). */
DEPECHE_API depeche_status depeche_filter_write(depeche_filter *f,
                                                depeche_writer *w,
                                                const depeche_doc *doc,
                                                int *written,
                                                depeche_error *err);

/** How many documents (DEPECHE_DROP_DUPLICATE_DOCUMENT) or segments were
 *  dropped for that reason so far. */
DEPECHE_API size_t depeche_filter_dropped(const depeche_filter *f,
                                          depeche_drop why);

DEPECHE_API void depeche_filter_free(depeche_filter *f);

/* ------------------------------------------------------------------------ */
/* JSON for tools that write their own lines                                */
/* ------------------------------------------------------------------------ */

/** Writes s[0, n) to sink as a JSON string literal, quotes included, with
 *  the escaping of the library's JSON reports (one definition for every
 *  command): " \ tab LF CR as \" \\ \t \n \r, other controls as
 *  \u00XX, NEL U+2028 U+2029 as \uXXXX (line readers split on them); every
 *  other character as it is, and invalid UTF-8 as U+FFFD.  `depeche
 *  segment --to jsonl` writes its strings with it.  Returns DEPECHE_OK, or
 *  DEPECHE_ERR_IO when the sink returned non-zero. */
DEPECHE_API depeche_status depeche_json_string(const char *s, size_t n,
                                               depeche_sink_fn sink,
                                               void *user);

/* ------------------------------------------------------------------------ */
/* Dedup of merged line outputs, in bounded memory                          */
/* ------------------------------------------------------------------------ */

/** What depeche_deduper_new() reads. */
typedef struct depeche_dedup_options {
    size_t size; /**< set by depeche_dedup_options_init(); first */
    /** DEPECHE_DEDUP_EXACT (the default) or DEPECHE_DEDUP_NORMALIZED: the
     *  keys of depeche_filter_write(), so a line repeats another exactly
     *  when prep --dedup would call their segments repeats. */
    depeche_dedup key;
    /** Non-zero: each line is a JSON record (depeche_jsonl_parse()) and
     *  its key is made of its text field only; 0: of the whole line. */
    int jsonl;
    /** The JSON field holding the text (NULL: "text"). */
    const char *text_field;
    /** Bytes of the table of hashes kept in memory (default 256 MiB, at
     *  least 8 KiB are used); past it, hashes go to temporary files. */
    size_t max_memory;
    /** Folder of the temporary files (NULL: "/tmp"). */
    const char *tmp_dir;
} depeche_dedup_options;

/** Exact keys of plain lines, 256 MiB, "/tmp". */
DEPECHE_API void depeche_dedup_options_init(depeche_dedup_options *o);

/** Writes each line whose key was not seen before, in input order.
 *
 *  A line with no visible character (an empty JSONL text too) has no key
 *  and is always written.  Keys are 64-bit hashes, kept in a table in
 *  memory until it would outgrow max_memory; from then on each new line is
 *  spooled to a temporary file with its hash, and finish() finds the
 *  repeats among those partition by partition (16 files a level, split
 *  again by further bits of the hash while a partition does not fit), then
 *  writes the spooled lines that are kept.  The result is the same bytes
 *  at any max_memory.  Temporary files are unlinked as soon as they are
 *  made: nothing is left behind, even when the process is killed.  Disk
 *  used: the lines after the spill (8 bytes more each), plus 16 bytes a
 *  line for each level of partitions.  One thread at a time. */
typedef struct depeche_deduper depeche_deduper;

/** Kept lines go to sink, each followed by a LF: from add() while the
 *  table fits, then from finish(). */
DEPECHE_API depeche_status depeche_deduper_new(const depeche_dedup_options *o,
                                               depeche_sink_fn sink, void *user,
                                               depeche_deduper **out,
                                               depeche_error *err);

/** One line, without its line end.  DEPECHE_ERR_BAD_INPUT (byte_offset in
 *  the line) for invalid UTF-8, a NUL byte, a LF, or (jsonl) a line that
 *  is not a record; nothing is counted then, and the caller may go on.
 *  DEPECHE_ERR_IO when the sink or a temporary file fails. */
DEPECHE_API depeche_status depeche_deduper_add(depeche_deduper *d,
                                               const char *line, size_t len,
                                               depeche_error *err);

/** Writes the lines still spooled, if any; afterwards only the counts and
 *  free() may be called (DEPECHE_ERR_STATE). */
DEPECHE_API depeche_status depeche_deduper_finish(depeche_deduper *d,
                                                  depeche_error *err);

/** Lines added, lines dropped as repeats, and whether the table outgrew
 *  max_memory (temporary files were used); dropped is complete after
 *  finish(). */
DEPECHE_API uint64_t depeche_deduper_lines(const depeche_deduper *d);
DEPECHE_API uint64_t depeche_deduper_dropped(const depeche_deduper *d);
DEPECHE_API int depeche_deduper_spilled(const depeche_deduper *d);

DEPECHE_API void depeche_deduper_free(depeche_deduper *d);

#ifdef __cplusplus
}
#endif

#endif /* DEPECHE_H */
