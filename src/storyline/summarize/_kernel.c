/*
 * storyline.summarize._kernel: the per-word and per-sentence inner loops of the default
 * summarizer, in C.
 *
 * Why C: summarize-batch must run at >= 5 MB/s of input per core, and after cleaning and
 * sentence splitting (pure Python, already tuned) the summarizer's loops over every word
 * of every sentence (tokens -> stem codes -> bigram concepts -> weights -> features ->
 * greedy coverage) cost more than the rest of the process together. No library does
 * concept-coverage selection, and numpy's import alone costs a third of the budget.
 *
 * Everything here mirrors Python code that stays the reference (and the fallback when
 * this module is not built); tests/test_kernel.py runs both on the same stories and
 * requires identical selections:
 *
 *   make_units mirrors units.make_units and make_unit: text.terms.word_bytes,
 *              byte_term_codes (and _new_code for new words), the ``terms`` set,
 *              word_count, the quotation-mark tests and the flags make_unit sets.
 *              Each Unit also gets a compact record of what select reads (Unit.packed).
 *   select     mirrors concepts.summarize_concepts' default path: the candidates,
 *              orphans.needed, concept_weights, features.concept_masses and
 *              candidate_features, scorer.probabilities, concepts.priors and
 *              greedy.greedy_groups.
 *
 * Floating point: every sum that is not of integers is taken in the order Python takes
 * it (the iteration order of each unit's own terms set, recorded when it is built; dict
 * insertion order), with the same
 * libm calls (pow, log, exp, sqrt) and, on Python >= 3.12, the compensated summation of
 * its built-in sum(), so the results are bit-identical to the Python path. Concept
 * weights are integral (the caller checks), so their sums are exact in any order.
 *
 * Memory safety: every index that comes from the caller is range-checked; every buffer
 * is sized from counts taken before filling it; every exit goes through one cleanup.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------------------------- */
/* Summation exactly as the running Python's built-in sum() of floats.                 */

typedef struct {
    double f;
    double c;
} pysum;

static inline void pysum_init(pysum *s) { s->f = 0.0; s->c = 0.0; }

static inline void pysum_add(pysum *s, double x) {
#if PY_VERSION_HEX >= 0x030C0000
    /* Neumaier, as builtin_sum_impl since 3.12; starting from int 0 then the first float
       is 0 + x, which this also gives (c stays 0). */
    double t = s->f + x;
    if (fabs(s->f) >= fabs(x))
        s->c += (s->f - t) + x;
    else
        s->c += (x - t) + s->f;
    s->f = t;
#else
    s->f += x;
#endif
}

static inline double pysum_result(const pysum *s) {
#if PY_VERSION_HEX >= 0x030C0000
    if (s->c != 0.0 && isfinite(s->c))
        return s->f + s->c;
#endif
    return s->f;
}

#define MAX_CODE ((long long)1 << 40) /* stem codes stay inside +-2**40: a bigram packs into 64 bits */

/* ---------------------------------------------------------------------------------- */
/* Token -> stem code cache for make_units.                                           */
/*
 * A word's code is the id of its stem in text.terms._STEM_IDS (numbered in the order
 * stems are first seen, shared by every path), negated for a stopword; codes never
 * change once given. This table keeps (token -> code) so each token is stemmed once per
 * process, and does for a new token what terms._new_code does. It is tied to one
 * _STEM_IDS dict: given another, it starts over. Tokens of up to 8 characters (most)
 * are compared as one 64-bit key; longer ones also by their bytes in tc_arena.
 */
typedef struct {
    uint64_t key;        /* the first 8 characters, one per byte */
    uint64_t hash;
    Py_ssize_t off, len; /* all the token's bytes are at tc_arena + off when len > 8 */
    PyObject *code;      /* strong reference; NULL: empty slot */
    long long value;
} tok_entry;

static tok_entry *tc_tab = NULL;
static size_t tc_cap = 0, tc_used = 0;
static char *tc_arena = NULL;
static size_t tc_arena_len = 0, tc_arena_cap = 0;
static PyObject *tc_owner = NULL;

static void tc_clear(void) {
    if (tc_tab) {
        for (size_t i = 0; i < tc_cap; i++)
            Py_XDECREF(tc_tab[i].code);
        PyMem_Free(tc_tab);
    }
    PyMem_Free(tc_arena);
    tc_tab = NULL; tc_cap = tc_used = 0;
    tc_arena = NULL; tc_arena_len = tc_arena_cap = 0;
    Py_CLEAR(tc_owner);
}

static inline uint64_t tok_hash(uint64_t key, const char *tok, Py_ssize_t len) {
    uint64_t h = (key ^ (uint64_t)len) * 0x9E3779B97F4A7C15ULL;
    for (Py_ssize_t i = 8; i < len; i++) h = (h ^ (unsigned char)tok[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

static inline int tok_equal(const tok_entry *e, uint64_t h, uint64_t key, const char *tok, Py_ssize_t len) {
    return e->key == key && e->len == len && (len <= 8 || (e->hash == h && memcmp(tc_arena + e->off, tok, (size_t)len) == 0));
}

static int tc_grow(void) {
    size_t ncap = tc_cap ? tc_cap * 2 : 1 << 14;
    tok_entry *ntab = PyMem_Calloc(ncap, sizeof(tok_entry));
    if (!ntab) { PyErr_NoMemory(); return -1; }
    for (size_t i = 0; i < tc_cap; i++) {
        if (!tc_tab[i].code) continue;
        size_t j = tc_tab[i].hash & (ncap - 1);
        while (ntab[j].code) j = (j + 1) & (ncap - 1);
        ntab[j] = tc_tab[i];
    }
    PyMem_Free(tc_tab);
    tc_tab = ntab;
    tc_cap = ncap;
    return 0;
}

/* What unit_scan needs from text.terms to give a new word its code. */
typedef struct {
    PyObject *stem_word, *stem_ids, *stopwords;
} stem_table;

/* The code of a new word, as terms._new_code computes it:
   stem_ids.setdefault(stem_word(word), len(stem_ids) + 1), negated for a stopword or a
   one-character word. A new reference, or NULL with an exception set. */
static PyObject *new_code(const char *tok, Py_ssize_t len, const stem_table *t) {
    PyObject *word = PyUnicode_DecodeASCII(tok, len, NULL), *stem = NULL, *fresh = NULL, *code = NULL;
    if (!word) return NULL;
    stem = PyObject_CallOneArg(t->stem_word, word);
    if (!stem) goto out;
    fresh = PyLong_FromSsize_t(PyDict_GET_SIZE(t->stem_ids) + 1);
    if (!fresh) goto out;
    PyObject *id = PyDict_SetDefault(t->stem_ids, stem, fresh); /* borrowed */
    if (!id) goto out;
    if (!PyLong_CheckExact(id)) { PyErr_SetString(PyExc_TypeError, "stem ids must be ints"); goto out; }
    int stop = len < 2;
    if (!stop && (stop = PySet_Contains(t->stopwords, word)) < 0) goto out;
    if (stop) code = PyNumber_Negative(id);
    else { Py_INCREF(id); code = id; }
out:
    Py_DECREF(word);
    Py_XDECREF(stem);
    Py_XDECREF(fresh);
    return code;
}

/* The code object of a token (a new reference), or NULL with an exception set. */
static PyObject *tc_lookup(uint64_t key, const char *tok, Py_ssize_t len, long long *value, const stem_table *t) {
    if (tc_used * 2 >= tc_cap && tc_grow() < 0) return NULL;
    uint64_t h = tok_hash(key, tok, len);
    size_t j = h & (tc_cap - 1);
    while (tc_tab[j].code) {
        tok_entry *e = &tc_tab[j];
        if (tok_equal(e, h, key, tok, len)) {
            *value = e->value;
            Py_INCREF(e->code);
            return e->code;
        }
        j = (j + 1) & (tc_cap - 1);
    }
    /* A new token. Stemming runs Python code, which could in principle come back here:
       the slot is found again afterwards. */
    PyObject *code = new_code(tok, len, t);
    if (!code) return NULL;
    long long v = PyLong_AsLongLong(code);
    if (v == -1 && PyErr_Occurred()) { Py_DECREF(code); return NULL; }
    if (v <= -MAX_CODE || v >= MAX_CODE || v == 0) {
        Py_DECREF(code);
        PyErr_SetString(PyExc_ValueError, "stem id out of range");
        return NULL;
    }
    *value = v;
    if (t->stem_ids != tc_owner) return code; /* the cache was reset meanwhile: do not keep it */
    if (tc_used * 2 >= tc_cap && tc_grow() < 0) { Py_DECREF(code); return NULL; }
    j = h & (tc_cap - 1);
    while (tc_tab[j].code) {
        if (tok_equal(&tc_tab[j], h, key, tok, len)) return code;
        j = (j + 1) & (tc_cap - 1);
    }
    Py_ssize_t off = 0;
    if (len > 8) {
        if (tc_arena_len + (size_t)len > tc_arena_cap) {
            size_t ncap = tc_arena_cap ? tc_arena_cap : 1 << 16;
            while (ncap < tc_arena_len + (size_t)len) ncap *= 2;
            char *na = PyMem_Realloc(tc_arena, ncap);
            if (!na) { Py_DECREF(code); PyErr_NoMemory(); return NULL; }
            tc_arena = na;
            tc_arena_cap = ncap;
        }
        memcpy(tc_arena + tc_arena_len, tok, (size_t)len);
        off = (Py_ssize_t)tc_arena_len;
        tc_arena_len += (size_t)len;
    }
    tc_tab[j].key = key;
    tc_tab[j].hash = h;
    tc_tab[j].off = off;
    tc_tab[j].len = len;
    Py_INCREF(code);
    tc_tab[j].code = code;
    tc_tab[j].value = v;
    tc_used++;
    return code;
}

/* Characters below U+0100: a token character (its lowercase in tok_low), whitespace (as
   str.split sees it), a quotation mark, or another separator. */
enum { C_SEP, C_SPACE, C_STRAIGHT, C_LEFT_GUILLEMET, C_RIGHT_GUILLEMET, C_TOKEN };
static unsigned char char_class[256], tok_low[256];

static void init_tables(void) {
    for (int b = 0; b < 256; b++) {
        int alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        tok_low[b] = !alnum ? 0 : (b >= 'A' && b <= 'Z') ? (unsigned char)(b + 32) : (unsigned char)b;
        char_class[b] = alnum ? C_TOKEN : Py_UNICODE_ISSPACE(b) ? C_SPACE : b == '"' ? C_STRAIGHT
                        : b == 0xAB ? C_LEFT_GUILLEMET : b == 0xBB ? C_RIGHT_GUILLEMET : C_SEP;
    }
}

/* What units.make_unit reads off a sentence's text. */
enum {
    Q_QUOTED = 1, Q_BARE = 2, Q_CLOSES_OPEN = 4, Q_OPENS_UNCLOSED = 8, Q_MARK = 16, Q_DIGIT = 32,
    Q_ENDS_WELL = 64, /* ends in one of .!?"')’” and not in "..." (is_candidate) */
    Q_FIRST_IN_40 = 128, /* the first token ends within the first 40 characters (opening_word) */
};

static int is_open_quote(Py_UCS4 c) { return c == '"' || c == 0x201C || c == 0x2018 || c == '\'' || c == 0xAB; }
static int is_close_quote(Py_UCS4 c) { return c == '"' || c == 0x201D || c == 0x2019 || c == '\'' || c == 0xBB; }

typedef struct {
    PyObject *codes, *terms, *first, *packed; /* new references */
    Py_ssize_t n_words;
    int marks;
} scan_result;

/* A unit's record for select (Unit.packed), int64 values: its word count, flags, article
   index, position in the article, the counts of codes and terms, then the codes and the
   terms (in the order its terms set iterates). */
enum { P_WORDS, P_FLAGS, P_DOC, P_POS, P_CODES, P_TERMS, P_HEAD };
/* The flags: what make_unit decides and select reads. */
enum {
    F_DANGLING = 1, F_QUOTED = 2, F_MARK = 4 /* '"', U+201C or U+201D */, F_DIGIT = 8, F_CANDIDATE = 16,
    F_REFERS_BACK = 32, F_PRONOUN = 64, F_QUOTE_TAIL = 128, F_QUOTE_HEAD = 256, F_ALL = 511,
};

/* The values of a terms set in its iteration order: the order Python's sums over the set
   take, which select must repeat to add floats as Python does. */
static int set_values(PyObject *set, int64_t *out, Py_ssize_t n) {
    Py_ssize_t k = 0;
#if PY_VERSION_HEX < 0x030D0000
    Py_ssize_t pos = 0;
    PyObject *key;
    Py_hash_t hash;
    while (_PySet_NextEntry(set, &pos, &key, &hash)) {
        if (k >= n) break;
        /* the members are stem codes, exact ints in [1, 2**40): an int's hash is its value */
        if (PyLong_CheckExact(key) && hash >= 1 && hash < MAX_CODE) out[k++] = hash;
        else if ((out[k++] = PyLong_AsLongLong(key)) == -1 && PyErr_Occurred()) return -1;
    }
#else
    PyObject *it = PyObject_GetIter(set), *key;
    if (!it) return -1;
    while ((key = PyIter_Next(it)) && k < n) {
        out[k++] = PyLong_AsLongLong(key);
        Py_DECREF(key);
        if (out[k - 1] == -1 && PyErr_Occurred()) break;
    }
    Py_XDECREF(key);
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
#endif
    if (k != n) { PyErr_SetString(PyExc_RuntimeError, "terms set changed size"); return -1; }
    return 0;
}

/* Reusable buffers for unit_scan (a token's characters; a sentence's code objects). */
static char *buf_tok = NULL;
static PyObject **buf_items = NULL;
static int64_t *buf_vals = NULL;
static Py_ssize_t buf_cap = 0;
static int buf_busy = 0;

/* One token done: append its code (a new reference) to items; the first also to *first. */
static inline int emit(const stem_table *t, uint64_t key, const char *tok, Py_ssize_t tlen, PyObject **items,
                       int64_t *vals, Py_ssize_t *ntok, PyObject *terms, PyObject **first) {
    long long v;
    PyObject *code = tc_lookup(key, tok, tlen, &v, t);
    if (!code) return -1;
    vals[*ntok] = v;
    items[(*ntok)++] = code; /* owned until the list takes it */
    if (*ntok == 1 && !(*first = PyUnicode_DecodeASCII(tok, tlen, NULL))) return -1;
    if (v > 0 && PySet_Add(terms, code) < 0) return -1;
    return 0;
}

/* A token's first 8 characters as one cache key: the buffer has 8 spare bytes, zeroed
   past the token, so one load reads them (whatever the byte order, the same way each time). */
#define END_TOKEN(after)                                                                    \
    do {                                                                                    \
        uint64_t key;                                                                       \
        memset(tok + tlen, 0, 8);                                                           \
        memcpy(&key, tok, 8);                                                               \
        if (emit(t, key, tok, tlen, items, vals, &ntok, terms, &first) < 0) goto done;     \
        if (ntok == 1) first_end = (after);                                                 \
        tlen = 0;                                                                           \
    } while (0)

#define ADD_CHAR(c)                                                                         \
    do {                                                                                    \
        tok[tlen++] = (char)(c);                                                            \
        if (!in_word) { in_word = 1; n_words++; }                                           \
    } while (0)

/* The scan of unit_scan, once per string kind (1, 2 or 4 bytes per character). */
#define SCAN(TYPE)                                                                          \
    do {                                                                                    \
        const TYPE *p = (const TYPE *)data;                                                 \
        for (Py_ssize_t i = 0; i < n; i++) {                                                \
            Py_UCS4 cp = p[i];                                                              \
            if (cp < 256) {                                                                 \
                switch (char_class[cp]) {                                                   \
                case C_TOKEN: { /* a run of token characters, in a tight loop */            \
                    if (!in_word) { in_word = 1; n_words++; }                               \
                    Py_ssize_t j = i;                                                       \
                    do {                                                                    \
                        digit |= cp <= '9';                                                 \
                        tok[tlen++] = (char)tok_low[cp];                                    \
                        if (++j == n) break;                                                \
                        cp = p[j];                                                          \
                    } while (cp < 256 && char_class[cp] == C_TOKEN);                        \
                    i = j - 1;                                                              \
                    continue;                                                               \
                }                                                                           \
                case C_SPACE: in_word = 0; break;                                           \
                case C_STRAIGHT: q.straight++; /* fall through */                           \
                case C_LEFT_GUILLEMET: q.open += cp == 0xAB; /* fall through */             \
                case C_RIGHT_GUILLEMET: q.close += cp == 0xBB; /* fall through */           \
                default:                                                                    \
                    if (!in_word) { in_word = 1; n_words++; }                               \
                }                                                                           \
            } else if (cp == 0x212A) { /* KELVIN SIGN lowercases to "k" */                  \
                ADD_CHAR('k');                                                              \
                continue;                                                                   \
            } else if (cp == 0x130) { /* lowercases to "i" and a combining dot */           \
                ADD_CHAR('i');                                                              \
                END_TOKEN(i + 1);                                                           \
                continue;                                                                   \
            } else {                                                                        \
                if (cp == 0x201C) { q.open++; q.curly = 1; }                                \
                else if (cp == 0x201D) { q.close++; q.curly = 1; }                          \
                /* re's \d: Unicode decimal digits; none below U+0660 but ASCII's, none in  \
                   General Punctuation (U+2000-U+206F) */                                   \
                else if (!digit && cp >= 0x660 && (cp < 0x2000 || cp > 0x206F)              \
                         && Py_UNICODE_ISDECIMAL(cp)) digit = 1;                             \
                if (Py_UNICODE_ISSPACE(cp)) in_word = 0;                                    \
                else if (!in_word) { in_word = 1; n_words++; }                              \
            }                                                                               \
            if (tlen) END_TOKEN(i);                                                         \
        }                                                                                   \
    } while (0)

/*
 * What units.make_unit computes from a sentence's text, in one pass over it.
 *
 * Tokens are ROUGE's: runs of ASCII letters and digits, lowercased (terms.word_bytes);
 * every other character separates, except U+0130 (lowercases to "i" + a combining dot,
 * so "i" then a separator) and U+212A KELVIN SIGN (lowercases to "k"). ``codes`` are
 * their stem codes; ``terms`` the positive ones, added in token order as the set
 * comprehension in make_unit adds them (so the set iterates in the same order); ``first``
 * the first token or ""; ``n_words`` len(text.split()); ``marks`` the Q_ bits: Q_QUOTED (a
 * quotation mark of any kind), Q_BARE (_is_bare_quote), Q_CLOSES_OPEN (ends_open_quote),
 * Q_OPENS_UNCLOSED (opens_unclosed_quote), Q_MARK (a '"', U+201C or U+201D: features'
 * has_quote), Q_DIGIT (a decimal digit: has_digit), Q_ENDS_WELL and Q_FIRST_IN_40.
 */
static int unit_scan(PyObject *text, const stem_table *t, scan_result *out) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    char *tok;
    PyObject **items;
    int64_t *vals;
    int own = buf_busy; /* re-entered (a stemmer calling back): use buffers of its own */
    if (own) {
        tok = PyMem_Malloc((size_t)n + 9); /* 8 spare bytes: see END_TOKEN */
        items = PyMem_Malloc(sizeof(PyObject *) * ((size_t)n + 1));
        vals = PyMem_Malloc(sizeof(int64_t) * ((size_t)n + 1));
    } else {
        if (n + 9 > buf_cap) { /* 8 spare bytes: see END_TOKEN */
            Py_ssize_t ncap = buf_cap ? buf_cap : 1024;
            while (ncap < n + 9) ncap *= 2;
            char *nt = PyMem_Realloc(buf_tok, (size_t)ncap);
            if (nt) buf_tok = nt;
            PyObject **ni = nt ? PyMem_Realloc(buf_items, sizeof(PyObject *) * (size_t)ncap) : NULL;
            if (ni) buf_items = ni;
            int64_t *nv = ni ? PyMem_Realloc(buf_vals, sizeof(int64_t) * (size_t)ncap) : NULL;
            if (nv) buf_vals = nv;
            if (!nv) { PyErr_NoMemory(); return -1; }
            buf_cap = ncap;
        }
        tok = buf_tok; /* a token is at most as long as the text */
        items = buf_items; /* a token per character at most */
        vals = buf_vals;
        buf_busy = 1;
    }
    PyObject *codes = NULL, *terms = NULL, *first = NULL, *packed = NULL;
    Py_ssize_t ntok = 0, tlen = 0, n_words = 0, first_end = -1;
    int in_word = 0, digit = 0, ok = -1;
    struct { Py_ssize_t straight, open, close; int curly; } q = {0, 0, 0, 0};
    if (!tok || !items || !vals) { PyErr_NoMemory(); goto done; }
    terms = PySet_New(NULL);
    if (!terms) goto done;
    if (kind == PyUnicode_1BYTE_KIND) SCAN(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND) SCAN(Py_UCS2);
    else SCAN(Py_UCS4);
    if (tlen) END_TOKEN(n);
    codes = PyList_New(ntok);
    if (!codes) goto done;
    Py_ssize_t n_codes = ntok, n_terms = PySet_GET_SIZE(terms);
    for (Py_ssize_t k = 0; k < ntok; k++) PyList_SET_ITEM(codes, k, items[k]);
    ntok = 0; /* the list owns them now */
    if (!first && !(first = PyUnicode_FromStringAndSize("", 0))) goto done;
    packed = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)sizeof(int64_t) * (P_HEAD + n_codes + n_terms));
    if (!packed) goto done;
    int64_t *rec = (int64_t *)PyBytes_AS_STRING(packed);
    rec[P_WORDS] = n_words;
    rec[P_FLAGS] = 0; /* build_unit sets them */
    rec[P_CODES] = n_codes;
    rec[P_TERMS] = n_terms;
    memcpy(rec + P_HEAD, vals, sizeof(int64_t) * (size_t)n_codes);
    if (set_values(terms, rec + P_HEAD + n_codes, n_terms) < 0) goto done;
    int marks = digit ? Q_DIGIT : 0;
    if (first_end >= 0 && first_end <= 40) marks |= Q_FIRST_IN_40;
    if (n) {
        Py_UCS4 last = PyUnicode_READ(kind, data, n - 1);
        int dots = n >= 3 && last == '.' && PyUnicode_READ(kind, data, n - 2) == '.' &&
                   PyUnicode_READ(kind, data, n - 3) == '.';
        if (!dots && (last == '.' || last == '!' || last == '?' || last == '"' || last == '\'' || last == 0x201D ||
                      last == 0x2019 || last == ')'))
            marks |= Q_ENDS_WELL;
    }
    if (q.straight || q.curly) marks |= Q_MARK;
    if (q.straight || q.open || q.close) {
        marks |= Q_QUOTED;
        if (n > 2 && is_open_quote(PyUnicode_READ(kind, data, 0)) && is_close_quote(PyUnicode_READ(kind, data, n - 1)))
            marks |= Q_BARE;
        if (q.open || q.close) {
            if (q.close > q.open) marks |= Q_CLOSES_OPEN;
            if (q.open > q.close) marks |= Q_OPENS_UNCLOSED;
        } else if (q.straight % 2 == 1) {
            marks |= PyUnicode_READ(kind, data, 0) == '"' ? Q_OPENS_UNCLOSED : Q_CLOSES_OPEN;
        }
    }
    out->codes = codes; out->terms = terms; out->first = first; out->packed = packed;
    out->n_words = n_words;
    out->marks = marks;
    codes = terms = first = packed = NULL;
    ok = 0;
done:
    for (Py_ssize_t k = 0; k < ntok; k++) Py_DECREF(items[k]);
    if (own) {
        PyMem_Free(tok);
        PyMem_Free(items);
        PyMem_Free(vals);
    } else {
        buf_busy = 0;
    }
    Py_XDECREF(codes);
    Py_XDECREF(terms);
    Py_XDECREF(first);
    Py_XDECREF(packed);
    return ok;
}
#undef SCAN
#undef ADD_CHAR
#undef END_TOKEN

/* The arguments make_unit and make_units share after their first ones (see make_units). */
enum { U_TYPE, U_STEM_WORD, U_STEM_IDS, U_STOPWORDS, U_DANGLING, U_REFERRING, U_EXPLETIVE, U_OPENING,
       U_MIN_WORDS, U_MAX_WORDS, U_NARGS };

typedef struct {
    PyObject *const *a;
    stem_table t;
    Py_ssize_t min_words, max_words;
} unit_args;

static int parse_unit_args(PyObject *const *a, unit_args *u) {
    if (!PyType_Check(a[U_TYPE]) || !PyCallable_Check(a[U_STEM_WORD]) || !PyDict_Check(a[U_STEM_IDS]) ||
        !PyAnySet_Check(a[U_STOPWORDS]) || !PyAnySet_Check(a[U_DANGLING]) || !PyAnySet_Check(a[U_REFERRING]) ||
        !PyCallable_Check(a[U_EXPLETIVE]) || !PyCallable_Check(a[U_OPENING]) ||
        !PyLong_Check(a[U_MIN_WORDS]) || !PyLong_Check(a[U_MAX_WORDS])) {
        PyErr_SetString(PyExc_TypeError, "make_units(docs, Unit, stem_word, stem_ids: dict, stopwords: set, "
                                         "dangling_openers: set, referring_openers: set, expletive_it, opening_word, "
                                         "min_words: int, max_words: int)");
        return -1;
    }
    u->a = a;
    u->t.stem_word = a[U_STEM_WORD];
    u->t.stem_ids = a[U_STEM_IDS];
    u->t.stopwords = a[U_STOPWORDS];
    u->min_words = PyLong_AsSsize_t(a[U_MIN_WORDS]);
    u->max_words = PyLong_AsSsize_t(a[U_MAX_WORDS]);
    if (PyErr_Occurred()) return -1;
    if (a[U_STEM_IDS] != tc_owner) {
        tc_clear();
        Py_INCREF(a[U_STEM_IDS]);
        tc_owner = a[U_STEM_IDS];
    }
    return 0;
}

static PyObject *str_text = NULL, *str_it = NULL, *str_position = NULL;

/* units.make_unit(sentence, doc): the Unit, built by calling the Unit class. */
static PyObject *build_unit(PyObject *sentence, PyObject *doc, const unit_args *u) {
    PyObject *text = PyObject_GetAttr(sentence, str_text), *result = NULL, *n_words = NULL, *cues = NULL;
    scan_result r = {NULL, NULL, NULL, NULL, 0, 0};
    if (!text) return NULL;
    if (!PyUnicode_Check(text)) { PyErr_SetString(PyExc_TypeError, "sentence text must be str"); goto done; }
    if (unit_scan(text, &u->t, &r) < 0) goto done;
    int m = r.marks, bare = (m & Q_BARE) != 0, tail = (m & Q_CLOSES_OPEN) != 0, head = (m & Q_OPENS_UNCLOSED) != 0;
    /* dangling = first in DANGLING_OPENERS or bare_quote */
    int dangling = bare;
    if (!dangling && (dangling = PySet_Contains(u->a[U_DANGLING], r.first)) < 0) goto done;
    /* refers_back = first in REFERRING_OPENERS or bare_quote or quote_tail
                     or (first == "it" and not _EXPLETIVE_IT.match(text)) */
    int referring = PySet_Contains(u->a[U_REFERRING], r.first);
    if (referring < 0) goto done;
    int refers_back = referring || bare || tail;
    if (!refers_back && PyUnicode_Compare(r.first, str_it) == 0) {
        PyObject *match = PyObject_CallOneArg(u->a[U_EXPLETIVE], text);
        if (!match) goto done;
        int expletive = PyObject_IsTrue(match);
        Py_DECREF(match);
        if (expletive < 0) goto done;
        refers_back = !expletive;
    }
    /* candidate = MIN_WORDS <= n_words <= MAX_WORDS and ends_well and not quote_head */
    int candidate = u->min_words <= r.n_words && r.n_words <= u->max_words && (m & Q_ENDS_WELL) && !head;
    /* pronoun = refers_back and (first if first_in_40 else opening_word(text)) in REFERRING_OPENERS */
    int pronoun = 0;
    if (refers_back) {
        if (m & Q_FIRST_IN_40) {
            pronoun = referring;
        } else {
            PyObject *opener = PyObject_CallOneArg(u->a[U_OPENING], text);
            if (!opener) goto done;
            pronoun = PySet_Contains(u->a[U_REFERRING], opener);
            Py_DECREF(opener);
            if (pronoun < 0) goto done;
        }
    }
    n_words = PyLong_FromSsize_t(r.n_words);
    long c = (m >> 2 & 12) | 16; /* see Unit.cues */
    cues = PyLong_FromLong(c);
    if (!n_words || !cues) goto done;
    int64_t *rec = (int64_t *)PyBytes_AS_STRING(r.packed);
    rec[P_FLAGS] = (dangling ? F_DANGLING : 0) | ((m & Q_QUOTED) ? F_QUOTED : 0) | (c & (F_MARK | F_DIGIT)) |
                   (candidate ? F_CANDIDATE : 0) | (refers_back ? F_REFERS_BACK : 0) | (pronoun ? F_PRONOUN : 0) |
                   (tail ? F_QUOTE_TAIL : 0) | (head ? F_QUOTE_HEAD : 0);
    rec[P_DOC] = PyLong_AsLongLong(doc);
    PyObject *position = PyObject_GetAttr(sentence, str_position);
    rec[P_POS] = position && PyLong_Check(position) ? PyLong_AsLongLong(position) : -1; /* -1: select refuses it */
    Py_XDECREF(position);
    if (PyErr_Occurred()) PyErr_Clear(); /* an odd position only keeps the unit from select */
#define B(x) ((x) ? Py_True : Py_False)
    PyObject *argv[] = {sentence, doc, n_words, r.codes, Py_None, r.terms, B(dangling), B(refers_back),
                        B(m & Q_QUOTED), B(tail), B(head), cues, B(candidate), B(pronoun), r.packed};
#undef B
    result = PyObject_Vectorcall(u->a[U_TYPE], argv, sizeof argv / sizeof argv[0], NULL);
done:
    Py_DECREF(text);
    Py_XDECREF(r.codes);
    Py_XDECREF(r.terms);
    Py_XDECREF(r.first);
    Py_XDECREF(r.packed);
    Py_XDECREF(n_words);
    Py_XDECREF(cues);
    return result;
}

/* make_unit(sentence, doc, Unit, ...): units.make_unit; the rest as for make_units. */
static PyObject *make_unit(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    unit_args u;
    if (nargs != 2 + U_NARGS) {
        PyErr_SetString(PyExc_TypeError, "make_unit(sentence, doc, ...): wrong number of arguments");
        return NULL;
    }
    if (!PyLong_Check(args[1])) { PyErr_SetString(PyExc_TypeError, "doc must be an int"); return NULL; }
    if (parse_unit_args(args + 2, &u) < 0) return NULL;
    return build_unit(args[0], args[1], &u);
}

/*
 * make_units(docs, Unit, stem_word, stem_ids, stopwords, dangling_openers,
 *            referring_openers, expletive_it, opening_word, min_words, max_words)
 *     -> list[list[Unit]]
 *
 * units.make_units: the Unit of every sentence of every article, each built as
 * units.make_unit builds it (text.terms: stem_word is _STEMMER.stemWord, stem_ids
 * _STEM_IDS, stopwords STOPWORDS; units: DANGLING_OPENERS, REFERRING_OPENERS,
 * _EXPLETIVE_IT.match, opening_word, MIN_WORDS, MAX_WORDS).
 */
static PyObject *make_units(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    unit_args u;
    if (nargs != 1 + U_NARGS) {
        PyErr_SetString(PyExc_TypeError, "make_units(docs, ...): wrong number of arguments");
        return NULL;
    }
    if (parse_unit_args(args + 1, &u) < 0) return NULL;
    PyObject *docs = PySequence_Fast(args[0], "docs must be a sequence");
    if (!docs) return NULL;
    Py_ssize_t n_docs = PySequence_Fast_GET_SIZE(docs);
    PyObject *result = PyList_New(n_docs);
    if (!result) { Py_DECREF(docs); return NULL; }
    for (Py_ssize_t d = 0; d < n_docs; d++) {
        PyObject *sentences = PySequence_Fast(PySequence_Fast_GET_ITEM(docs, d), "each doc must be a sequence");
        PyObject *doc = sentences ? PyLong_FromSsize_t(d) : NULL;
        PyObject *units = doc ? PyList_New(PySequence_Fast_GET_SIZE(sentences)) : NULL;
        if (!units) {
            Py_XDECREF(sentences);
            Py_XDECREF(doc);
            goto fail;
        }
        PyList_SET_ITEM(result, d, units);
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(units); k++) {
            PyObject *unit = build_unit(PySequence_Fast_GET_ITEM(sentences, k), doc, &u);
            if (!unit) {
                Py_DECREF(sentences);
                Py_DECREF(doc);
                goto fail;
            }
            PyList_SET_ITEM(units, k, unit);
        }
        Py_DECREF(sentences);
        Py_DECREF(doc);
    }
    Py_DECREF(docs);
    return result;
fail:
    Py_DECREF(docs);
    Py_DECREF(result);
    return NULL;
}

/* ---------------------------------------------------------------------------------- */
/* Open-addressing map from 64-bit keys (bigram packs, term codes) to dense ids.       */

typedef struct {
    uint64_t *keys;
    int32_t *ids; /* -1: empty */
    size_t mask;
    int32_t n;
} idmap;

static int idmap_init(idmap *m, size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2 + 2) cap *= 2;
    m->keys = PyMem_Malloc(cap * sizeof(uint64_t));
    m->ids = PyMem_Malloc(cap * sizeof(int32_t));
    if (!m->keys || !m->ids) { PyErr_NoMemory(); return -1; }
    memset(m->ids, 0xff, cap * sizeof(int32_t));
    m->mask = cap - 1;
    m->n = 0;
    return 0;
}

static void idmap_free(idmap *m) {
    PyMem_Free(m->keys);
    PyMem_Free(m->ids);
    m->keys = NULL; m->ids = NULL;
}

/* The id of ``key``, adding it if new. The map never fills: it is sized for every key
   the caller may add (expected >= number of insertions). */
static inline int32_t idmap_get(idmap *m, uint64_t key) {
    size_t j = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & m->mask;
    while (m->ids[j] >= 0) {
        if (m->keys[j] == key) return m->ids[j];
        j = (j + 1) & m->mask;
    }
    m->keys[j] = key;
    m->ids[j] = m->n;
    return m->n++;
}

/* ---------------------------------------------------------------------------------- */
/* Lazy greedy's heap: entries ordered as Python's tuples (-gain, index, version).     */

typedef struct {
    double neg;
    Py_ssize_t i, version;
} hentry;

typedef struct {
    hentry *a;
    Py_ssize_t n, cap;
} heap_t;

static inline int hless(const hentry *x, const hentry *y) {
    if (x->neg != y->neg) return x->neg < y->neg;
    if (x->i != y->i) return x->i < y->i;
    return x->version < y->version;
}

static int heap_push(heap_t *h, double neg, Py_ssize_t i, Py_ssize_t version) {
    if (h->n == h->cap) {
        Py_ssize_t ncap = h->cap ? h->cap * 2 : 64;
        hentry *na = PyMem_Realloc(h->a, (size_t)ncap * sizeof(hentry));
        if (!na) { PyErr_NoMemory(); return -1; }
        h->a = na;
        h->cap = ncap;
    }
    Py_ssize_t k = h->n++;
    hentry e = {neg, i, version};
    while (k > 0) {
        Py_ssize_t p = (k - 1) / 2;
        if (!hless(&e, &h->a[p])) break;
        h->a[k] = h->a[p];
        k = p;
    }
    h->a[k] = e;
    return 0;
}

static hentry heap_pop(heap_t *h) {
    hentry top = h->a[0];
    hentry last = h->a[--h->n];
    Py_ssize_t k = 0;
    for (;;) {
        Py_ssize_t c = 2 * k + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && hless(&h->a[c + 1], &h->a[c])) c++;
        if (!hless(&h->a[c], &last)) break;
        h->a[k] = h->a[c];
        k = c;
    }
    if (h->n) h->a[k] = last;
    return top;
}

/* ---------------------------------------------------------------------------------- */
/* select: the storyline summarizer's default path for one story.                     */

enum { N_FEATURES = 13 };
#define PAIR_SHIFT 22 /* units._PAIR = 1 << 22 */

typedef struct {
    /* budget.Budget */
    long long words, sentences; /* -1: no limit */
    int overflow;
} budget_t;

static inline int fits(const budget_t *b, long long used_words, long long used_sentences, long long n_words) {
    if (b->sentences >= 0 && used_sentences >= b->sentences) return 0;
    if (b->words < 0) return 1;
    return b->overflow ? used_words < b->words : used_words + n_words <= b->words;
}

typedef struct {
    /* input, per unit (flat, reading order) */
    Py_ssize_t N, C, n_docs;
    long long *doc_of, *n_words, *doc_lens;
    Py_ssize_t *con_off; int32_t *con; /* each unit's distinct concepts (CSR) */
    Py_ssize_t *term_off; int32_t *term; /* each unit's terms, in its set's order (CSR) */
    /* candidates */
    Py_ssize_t *cand;     /* flat index of each candidate */
    Py_ssize_t *cand_of;  /* flat index -> candidate index, or -1 */
    Py_ssize_t *need_off; Py_ssize_t *need; int *need_none; /* needed units (flat), or None */
    double *weight, *mass, *factor;
    /* greedy state */
    char *covered, *picked, *chosen_term, *done;
    int32_t *stamp; int32_t stamp_now; /* concept stamps for group unions */
    int32_t *tstamp; int32_t tstamp_now; /* term stamps for pairwise overlaps */
    Py_ssize_t n_concepts, n_terms;
    double exponent;
} story;

/* Gain of candidate i alone: its uncovered concepts' weight times its factor
   (greedy.uncovered: mass less the covered part, exact on integral weights). */
static double gain_alone(story *s, Py_ssize_t i) {
    Py_ssize_t u = s->cand[i];
    double covered = 0.0;
    for (Py_ssize_t k = s->con_off[u]; k < s->con_off[u + 1]; k++)
        if (s->covered[s->con[k]]) covered += s->weight[s->con[k]];
    return (s->mass[i] - covered) * s->factor[i];
}

/* greedy_groups.evaluate: the gain of candidate i with the sentences it still needs;
   fills group (flat indices, needed ones first, i last) when given. */
static double evaluate(story *s, Py_ssize_t i, Py_ssize_t *group, Py_ssize_t *group_len) {
    Py_ssize_t u = s->cand[i], g = 0;
    long long group_words = 0;
    for (Py_ssize_t k = s->need_off[i]; k < s->need_off[i + 1]; k++) {
        Py_ssize_t v = s->need[k];
        if (s->picked[v]) continue;
        if (group) group[g] = v;
        g++;
        group_words += s->n_words[v];
    }
    if (group) { group[g] = u; *group_len = g + 1; }
    if (g == 0) return gain_alone(s, i);
    group_words += s->n_words[u];
    double prior = s->factor[i] * pow((double)s->n_words[u], s->exponent);
    /* the union of the group's concepts, less what is covered: each concept counted once */
    if (++s->stamp_now == INT32_MAX) {
        memset(s->stamp, 0, sizeof(int32_t) * (size_t)(s->n_concepts + 1));
        s->stamp_now = 1;
    }
    double total = 0.0;
    for (Py_ssize_t k = s->need_off[i]; k <= s->need_off[i + 1]; k++) {
        Py_ssize_t v = k < s->need_off[i + 1] ? s->need[k] : u;
        if (v != u && s->picked[v]) continue;
        for (Py_ssize_t c = s->con_off[v]; c < s->con_off[v + 1]; c++) {
            int32_t cid = s->con[c];
            if (s->stamp[cid] == s->stamp_now || s->covered[cid]) continue;
            s->stamp[cid] = s->stamp_now;
            total += s->weight[cid];
        }
    }
    return total * prior / pow((double)group_words, s->exponent);
}

/* greedy.repeats: whether unit u nearly repeats a chosen one (cosine of term sets). */
static int repeats(story *s, Py_ssize_t u, const Py_ssize_t *chosen, Py_ssize_t n_chosen,
                   long long shortest, double limit) {
    Py_ssize_t t0 = s->term_off[u], t1 = s->term_off[u + 1];
    long long len_u = t1 - t0;
    if (len_u == 0) return 0;
    long long overlap = 0;
    for (Py_ssize_t k = t0; k < t1; k++) overlap += s->chosen_term[s->term[k]];
    if ((double)overlap <= limit * pow((double)(len_u * shortest), 0.5)) return 0;
    for (Py_ssize_t c = 0; c < n_chosen; c++) {
        Py_ssize_t v = chosen[c];
        long long len_v = s->term_off[v + 1] - s->term_off[v];
        if (len_v == 0) { /* units.cosine of an empty set: 0.0 */
            if (0.0 > limit) return 1;
            continue;
        }
        if (++s->tstamp_now == INT32_MAX) {
            memset(s->tstamp, 0, sizeof(int32_t) * (size_t)(s->n_terms + 1));
            s->tstamp_now = 1;
        }
        for (Py_ssize_t k = s->term_off[v]; k < s->term_off[v + 1]; k++) s->tstamp[s->term[k]] = s->tstamp_now;
        long long inter = 0;
        for (Py_ssize_t k = t0; k < t1; k++) inter += s->tstamp[s->term[k]] == s->tstamp_now;
        if ((double)inter / pow((double)(len_u * len_v), 0.5) > limit) return 1;
    }
    return 0;
}

/* Read a Python int sequence element as long long within [lo, hi]. */
static int get_ll(PyObject *o, long long lo, long long hi, long long *out, const char *what) {
    if (!PyLong_Check(o)) { PyErr_Format(PyExc_TypeError, "%s must be ints", what); return -1; }
    long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) return -1;
    if (v < lo || v > hi) { PyErr_Format(PyExc_ValueError, "%s out of range", what); return -1; }
    *out = v;
    return 0;
}

/* orphans.needed for flat unit u: appends to out what u needs before it, in article
   order (more + before); returns the new length, or -1 for None (it cannot be made to
   read). Units of an article are consecutive, a unit's position its index there (select
   checks), so docs[u.doc][u.position - 1] is u - 1. */
typedef struct {
    const long long *flags, *pos, *n_words;
    long long max_words, quote_sentences;
} needs_ctx;

#define NEEDS_CAP 64 /* MAX_CHAIN * QUOTE_SENTENCES at most, both checked small */

static Py_ssize_t needed_c(const needs_ctx *c, Py_ssize_t u, long long depth, Py_ssize_t *out, Py_ssize_t len) {
    long long f = c->flags[u];
    /* needs_antecedent: refers_back and position > 0 and (pronoun or quote_tail) */
    if (!((f & F_REFERS_BACK) && c->pos[u] > 0 && (f & (F_PRONOUN | F_QUOTE_TAIL)))) return len;
    if (depth == 0) return -1;
    Py_ssize_t before[16], nb = 0;
    if (!(f & F_QUOTE_TAIL)) {
        if (!(c->flags[u - 1] & F_CANDIDATE)) return -1; /* not pickable */
        before[nb++] = u - 1;
    } else {
        int closed = 0;
        long long stop = c->pos[u] - 1 - c->quote_sentences > -1 ? c->pos[u] - 1 - c->quote_sentences : -1;
        for (long long p = c->pos[u] - 1; p > stop; p--) {
            Py_ssize_t v = u - (Py_ssize_t)(c->pos[u] - p);
            long long g = c->flags[v];
            if (c->n_words[v] > c->max_words || ((g & F_QUOTED) && !(g & F_QUOTE_HEAD))) return -1;
            before[nb++] = v;
            if (g & F_QUOTED) { closed = 1; break; }
        }
        if (!closed) return -1;
        for (Py_ssize_t k = 0; k < nb / 2; k++) { Py_ssize_t t = before[k]; before[k] = before[nb - 1 - k]; before[nb - 1 - k] = t; }
    }
    len = needed_c(c, before[0], depth - 1, out, len);
    if (len < 0) return -1;
    for (Py_ssize_t k = 0; k < nb; k++) out[len++] = before[k];
    return len;
}

/*
 * select(packed, doc_lens, coefficients, intercept, support_weight, length_exponent,
 *        min_prior, max_similarity, words, sentences, overflow, max_words,
 *        quote_sentences, max_chain) -> list[int]
 *
 * ``packed``: each unit's record (Unit.packed, see P_ and F_ above), in reading order:
 * articles in order, each article's sentences in order. doc_lens: sentences per article.
 * The rest: ConceptSettings, the Budget (-1: no limit), and units.MAX_WORDS,
 * orphans.QUOTE_SENTENCES and MAX_CHAIN. Returns the flat indices picked, in selection
 * order.
 */
static PyObject *select_story(PyObject *self, PyObject *args) {
    PyObject *packed_obj, *doc_lens_obj, *coefs_obj;
    double intercept, support_weight, exponent, min_prior, limit;
    long long words, sentences, max_words_c, quote_sentences, max_chain;
    int overflow;
    if (!PyArg_ParseTuple(args, "OOOdddddLLpLLL:select", &packed_obj, &doc_lens_obj, &coefs_obj, &intercept,
                          &support_weight, &exponent, &min_prior, &limit, &words, &sentences, &overflow,
                          &max_words_c, &quote_sentences, &max_chain))
        return NULL;
    if (quote_sentences < 1 || max_chain < 0 || (max_chain + 1) * quote_sentences > NEEDS_CAP || quote_sentences > 16) {
        PyErr_SetString(PyExc_ValueError, "quote_sentences and max_chain must be small");
        return NULL;
    }
    PyObject *doc_lens_seq = NULL, *packed_seq = NULL, *coefs_seq = NULL, *result = NULL;
    story s;
    memset(&s, 0, sizeof s);
    s.exponent = exponent;
    budget_t budget = {words, sentences, overflow};
    idmap concepts = {0}, terms_map = {0};
    int32_t *last_unit = NULL, *last_doc = NULL, *freq = NULL, *ndocs = NULL, *df = NULL, *first_seen = NULL;
    long long *rank = NULL, *flags = NULL, *pos = NULL;
    const int64_t **rec = NULL;
    double *density = NULL, *idf2 = NULL;
    char *idf2_known = NULL;
    Py_ssize_t *order = NULL, *concept_rank = NULL, *waiting_off = NULL, *waiting = NULL;
    Py_ssize_t *chosen = NULL, *group = NULL, *left = NULL;
    heap_t heap = {0};
    double coefs[N_FEATURES];

    doc_lens_seq = PySequence_Fast(doc_lens_obj, "doc_lens");
    packed_seq = PySequence_Fast(packed_obj, "packed");
    coefs_seq = PySequence_Fast(coefs_obj, "coefficients");
    if (!doc_lens_seq || !packed_seq || !coefs_seq) goto done;
    if (PySequence_Fast_GET_SIZE(coefs_seq) != N_FEATURES) {
        PyErr_SetString(PyExc_ValueError, "expected 13 coefficients");
        goto done;
    }
    for (int k = 0; k < N_FEATURES; k++) {
        coefs[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(coefs_seq, k));
        if (coefs[k] == -1.0 && PyErr_Occurred()) goto done;
    }
    Py_ssize_t N = s.N = PySequence_Fast_GET_SIZE(packed_seq), C = 0;
    s.n_docs = PySequence_Fast_GET_SIZE(doc_lens_seq);
    if (N == 0) { result = PyList_New(0); goto done; }

    /* ---- per unit: check its record; article, words, codes -> distinct concepts, terms ---- */
    s.doc_of = PyMem_Malloc(sizeof(long long) * N);
    s.n_words = PyMem_Malloc(sizeof(long long) * N);
    flags = PyMem_Malloc(sizeof(long long) * N);
    pos = PyMem_Malloc(sizeof(long long) * N);
    rec = PyMem_Malloc(sizeof(int64_t *) * N);
    s.doc_lens = PyMem_Malloc(sizeof(long long) * (s.n_docs + 1));
    s.con_off = PyMem_Malloc(sizeof(Py_ssize_t) * (N + 1));
    s.term_off = PyMem_Malloc(sizeof(Py_ssize_t) * (N + 1));
    if (!s.doc_of || !s.n_words || !flags || !pos || !rec || !s.doc_lens || !s.con_off || !s.term_off) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t d = 0; d < s.n_docs; d++)
        if (get_ll(PySequence_Fast_GET_ITEM(doc_lens_seq, d), 0, PY_SSIZE_T_MAX, &s.doc_lens[d], "doc_lens") < 0) goto done;
    Py_ssize_t total_codes = 0, total_terms = 0, doc_start = 0;
    for (Py_ssize_t u = 0; u < N; u++) {
        PyObject *b = PySequence_Fast_GET_ITEM(packed_seq, u);
        if (!PyBytes_Check(b)) { PyErr_SetString(PyExc_TypeError, "packed records must be bytes"); goto done; }
        Py_ssize_t size = PyBytes_GET_SIZE(b) / (Py_ssize_t)sizeof(int64_t);
        const int64_t *r = (const int64_t *)PyBytes_AS_STRING(b); /* bytes data is aligned for any type */
        if (PyBytes_GET_SIZE(b) % (Py_ssize_t)sizeof(int64_t) || size < P_HEAD || r[P_CODES] < 0 || r[P_TERMS] < 0 ||
            r[P_CODES] > size || r[P_TERMS] > size || P_HEAD + r[P_CODES] + r[P_TERMS] != size ||
            r[P_WORDS] < 0 || r[P_WORDS] > ((int64_t)1 << 40) || r[P_FLAGS] < 0 || r[P_FLAGS] > F_ALL) {
            PyErr_SetString(PyExc_ValueError, "malformed packed record");
            goto done;
        }
        /* articles in order, each one's units consecutive and numbered from 0 */
        long long d = r[P_DOC];
        if (d < (u ? s.doc_of[u - 1] : 0) || d >= s.n_docs) {
            PyErr_SetString(PyExc_ValueError, "units out of article order");
            goto done;
        }
        if (u == 0 || d != s.doc_of[u - 1]) doc_start = u;
        if (r[P_POS] != u - doc_start) {
            PyErr_SetString(PyExc_ValueError, "a unit's position is not its index in its article");
            goto done;
        }
        rec[u] = r;
        s.doc_of[u] = d;
        pos[u] = r[P_POS];
        s.n_words[u] = r[P_WORDS];
        flags[u] = r[P_FLAGS];
        C += (r[P_FLAGS] & F_CANDIDATE) != 0;
        total_codes += r[P_CODES];
        total_terms += r[P_TERMS];
    }
    s.C = C;
    if (C == 0) { result = PyList_New(0); goto done; }
    s.con = PyMem_Malloc(sizeof(int32_t) * (total_codes + 1));
    s.term = PyMem_Malloc(sizeof(int32_t) * (total_terms + 1));
    if (!s.con || !s.term) { PyErr_NoMemory(); goto done; }
    if (idmap_init(&concepts, (size_t)total_codes) < 0 || idmap_init(&terms_map, (size_t)total_terms) < 0) goto done;
    /* per concept: last unit (dedupe within a unit), last article, units, articles */
    last_unit = PyMem_Malloc(sizeof(int32_t) * (total_codes + 1));
    last_doc = PyMem_Malloc(sizeof(int32_t) * (total_codes + 1));
    freq = PyMem_Calloc(total_codes + 1, sizeof(int32_t));
    ndocs = PyMem_Calloc(total_codes + 1, sizeof(int32_t));
    df = PyMem_Calloc(total_terms + 1, sizeof(int32_t));
    first_seen = PyMem_Malloc(sizeof(int32_t) * (total_terms + 1));
    if (!last_unit || !last_doc || !freq || !ndocs || !df || !first_seen) { PyErr_NoMemory(); goto done; }
    Py_ssize_t nc = 0, nt = 0, n_first = 0;
    s.con_off[0] = s.term_off[0] = 0;
    for (Py_ssize_t u = 0; u < N; u++) {
        const int64_t *codes = rec[u] + P_HEAD, *terms = codes + rec[u][P_CODES];
        Py_ssize_t m = rec[u][P_CODES];
        for (Py_ssize_t k = 0; k < m; k++)
            if (codes[k] <= -MAX_CODE || codes[k] >= MAX_CODE) { PyErr_SetString(PyExc_ValueError, "code out of range"); goto done; }
        /* units.pair_codes: {|a| << 22 | |b| for consecutive a, b unless both are stopwords} */
        for (Py_ssize_t k = 0; k + 1 < m; k++) {
            long long x = codes[k], y = codes[k + 1];
            if (x <= 0 && y <= 0) continue;
            uint64_t key = ((uint64_t)llabs(x) << PAIR_SHIFT) + (uint64_t)llabs(y);
            int32_t cid = idmap_get(&concepts, key);
            if (freq[cid] == 0) { last_unit[cid] = -1; last_doc[cid] = -1; } /* new */
            if (last_unit[cid] == (int32_t)u) continue;
            last_unit[cid] = (int32_t)u;
            freq[cid]++;
            if (last_doc[cid] != (int32_t)s.doc_of[u]) { last_doc[cid] = (int32_t)s.doc_of[u]; ndocs[cid]++; }
            s.con[nc++] = cid;
        }
        s.con_off[u + 1] = nc;
        /* terms in their set's iteration order */
        for (Py_ssize_t k = 0; k < rec[u][P_TERMS]; k++) {
            if (terms[k] < 1 || terms[k] >= MAX_CODE) { PyErr_SetString(PyExc_ValueError, "term out of range"); goto done; }
            int32_t tid = idmap_get(&terms_map, (uint64_t)terms[k]);
            if (df[tid]++ == 0) first_seen[n_first++] = tid;
            s.term[nt++] = tid;
        }
        s.term_off[u + 1] = nt;
    }

    /* ---- concepts.concept_weights: units that have it, plus support per extra article ---- */
    Py_ssize_t n_concepts = s.n_concepts = concepts.n, n_terms = s.n_terms = terms_map.n;
    s.weight = PyMem_Malloc(sizeof(double) * (n_concepts + 1));
    s.covered = PyMem_Calloc(n_concepts + 1, 1);
    s.stamp = PyMem_Calloc(n_concepts + 1, sizeof(int32_t));
    s.chosen_term = PyMem_Calloc(n_terms + 1, 1);
    s.tstamp = PyMem_Calloc(n_terms + 1, sizeof(int32_t));
    if (!s.weight || !s.covered || !s.stamp || !s.chosen_term || !s.tstamp) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t c = 0; c < n_concepts; c++)
        s.weight[c] = ndocs[c] > 1 ? (double)freq[c] + support_weight * (double)(ndocs[c] - 1) : (double)freq[c];

    /* ---- candidates ---- */
    s.cand = PyMem_Malloc(sizeof(Py_ssize_t) * C);
    s.cand_of = PyMem_Malloc(sizeof(Py_ssize_t) * N);
    s.mass = PyMem_Malloc(sizeof(double) * C);
    s.factor = PyMem_Malloc(sizeof(double) * C);
    rank = PyMem_Malloc(sizeof(long long) * C);
    density = PyMem_Malloc(sizeof(double) * C);
    order = PyMem_Malloc(sizeof(Py_ssize_t) * C);
    concept_rank = PyMem_Malloc(sizeof(Py_ssize_t) * C);
    idf2 = PyMem_Malloc(sizeof(double) * (N + 1));
    idf2_known = PyMem_Calloc(N + 1, 1);
    if (!s.cand || !s.cand_of || !s.mass || !s.factor || !rank || !density || !order || !concept_rank ||
        !idf2 || !idf2_known) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t u = 0, i = 0; u < N; u++) {
        s.cand_of[u] = -1;
        if (flags[u] & F_CANDIDATE) { s.cand[i] = u; s.cand_of[u] = i++; }
    }
    /* features.concept_masses */
    for (Py_ssize_t i = 0; i < C; i++) {
        Py_ssize_t u = s.cand[i];
        double m = 0.0;
        for (Py_ssize_t k = s.con_off[u]; k < s.con_off[u + 1]; k++) m += s.weight[s.con[k]];
        s.mass[i] = m;
    }

    /* ---- features.candidate_features ---- */
    {
        long long last_doc_seen = -1, k = 0;
        for (Py_ssize_t i = 0; i < C; i++) {
            long long d = s.doc_of[s.cand[i]];
            if (d != last_doc_seen) { last_doc_seen = d; k = 0; }
            rank[i] = k++;
        }
        double top = 0.0;
        for (Py_ssize_t i = 0; i < C; i++) {
            density[i] = s.mass[i] / pow((double)s.n_words[s.cand[i]], 0.7);
            if (i == 0 || density[i] > top) top = density[i];
        }
        if (top == 0.0) top = 1.0;
        /* sorted(range(C), key=density, reverse=True), stable: insertion sort by merge
           would do; a bottom-up merge sort keeps ties in index order */
        Py_ssize_t *tmp = PyMem_Malloc(sizeof(Py_ssize_t) * C);
        if (!tmp) { PyErr_NoMemory(); goto done; }
        for (Py_ssize_t i = 0; i < C; i++) order[i] = i;
        for (Py_ssize_t width = 1; width < C; width *= 2) {
            for (Py_ssize_t lo = 0; lo < C; lo += 2 * width) {
                Py_ssize_t mid = lo + width < C ? lo + width : C, hi = lo + 2 * width < C ? lo + 2 * width : C;
                Py_ssize_t x = lo, y = mid, o = lo;
                while (x < mid && y < hi) tmp[o++] = density[order[y]] > density[order[x]] ? order[y++] : order[x++];
                while (x < mid) tmp[o++] = order[x++];
                while (y < hi) tmp[o++] = order[y++];
            }
            memcpy(order, tmp, sizeof(Py_ssize_t) * C);
        }
        PyMem_Free(tmp);
        for (Py_ssize_t r = 0; r < C; r++) concept_rank[order[r]] = r;

        /* centroid of content terms, IDF-weighted over sentences */
        double n1 = 1.0 + (double)N;
#define IDF2(c) (idf2_known[c] ? idf2[c] : (idf2_known[c] = 1, idf2[c] = pow(log(n1 / (1.0 + (double)(c))), 2.0)))
        pysum norm_sum;
        pysum_init(&norm_sum);
        for (Py_ssize_t k2 = 0; k2 < n_first; k2++) {
            int32_t c = df[first_seen[k2]];
            pysum_add(&norm_sum, (double)((long long)c * c) * IDF2(c));
        }
        double centroid_norm = sqrt(pysum_result(&norm_sum));
        if (centroid_norm == 0.0) centroid_norm = 1.0;
        double log_articles = log((double)s.n_docs);
        for (Py_ssize_t i = 0; i < C; i++) {
            Py_ssize_t u = s.cand[i];
            pysum idf_sum, toward_sum;
            pysum_init(&idf_sum);
            pysum_init(&toward_sum);
            for (Py_ssize_t k2 = s.term_off[u]; k2 < s.term_off[u + 1]; k2++) {
                int32_t c = df[s.term[k2]];
                pysum_add(&idf_sum, IDF2(c));
                pysum_add(&toward_sum, (double)c * IDF2(c));
            }
            double norm = sqrt(pysum_result(&idf_sum));
            if (norm == 0.0) norm = 1.0;
            double centroid = pysum_result(&toward_sum) / (norm * centroid_norm);
            long long d = s.doc_of[u];
            /* flags (Unit.packed): 1 dangling, 2 quoted, 4 a '"', U+201C or U+201D, 8 a digit */
            long long f = flags[u];
            int has_quote = (f & 4) != 0, has_digit = (f & 8) != 0;
            double row[N_FEATURES] = {
                1.0 / (double)(1 + rank[i]),
                (double)rank[i] / (double)(s.doc_lens[d] > 1 ? s.doc_lens[d] : 1),
                (double)d / (double)s.n_docs,
                log((double)s.n_words[u]),
                density[i] / top,
                1.0 / (double)(1 + concept_rank[i]),
                centroid,
                (f & 1) ? 1.0 : 0.0,
                ((f & 2) && has_quote) ? 1.0 : 0.0,
                has_digit ? 1.0 : 0.0,
                log(1.0 + (double)s.doc_lens[d]),
                log_articles,
                rank[i] == 0 ? 1.0 : 0.0,
            };
            /* scorer.probabilities, then concepts.priors */
            pysum z;
            pysum_init(&z);
            for (int f = 0; f < N_FEATURES; f++) pysum_add(&z, coefs[f] * row[f]);
            double zz = intercept + pysum_result(&z);
            double p = zz > -60 ? 1.0 / (1.0 + exp(-zz)) : 0.0;
            double base = p > min_prior ? p : min_prior;
            s.factor[i] = base / pow((double)s.n_words[u], exponent);
        }
#undef IDF2
    }

    /* ---- what each candidate needs before it (orphans.needed; only a candidate that
       refers back needs anything) ---- */
    s.need_off = PyMem_Malloc(sizeof(Py_ssize_t) * (C + 1));
    s.need_none = PyMem_Calloc(C + 1, sizeof(int));
    if (!s.need_off || !s.need_none) { PyErr_NoMemory(); goto done; }
    needs_ctx nctx = {flags, pos, s.n_words, max_words_c, quote_sentences};
    Py_ssize_t nn = 0, total_needs = 0, need_cap = 0;
    for (Py_ssize_t i = 0; i < C; i++) {
        Py_ssize_t buf[NEEDS_CAP];
        s.need_off[i] = nn;
        if (!(flags[s.cand[i]] & F_REFERS_BACK)) continue;
        Py_ssize_t len = needed_c(&nctx, s.cand[i], max_chain, buf, 0);
        if (len < 0) { s.need_none[i] = 1; continue; }
        if (nn + len > need_cap) {
            Py_ssize_t ncap = need_cap ? need_cap * 2 : 64;
            while (ncap < nn + len) ncap *= 2;
            Py_ssize_t *na = PyMem_Realloc(s.need, sizeof(Py_ssize_t) * (size_t)ncap);
            if (!na) { PyErr_NoMemory(); goto done; }
            s.need = na;
            need_cap = ncap;
        }
        for (Py_ssize_t k = 0; k < len; k++) s.need[nn++] = buf[k];
    }
    s.need_off[C] = total_needs = nn;
    waiting_off = PyMem_Calloc(N + 1, sizeof(Py_ssize_t));
    waiting = PyMem_Malloc(sizeof(Py_ssize_t) * (total_needs + 1));
    if (!waiting_off || !waiting) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t k = 0; k < nn; k++) waiting_off[s.need[k] + 1]++;
    /* waiting: needed unit -> candidates that need it, in candidate order (CSR) */
    for (Py_ssize_t u = 0; u < N; u++) waiting_off[u + 1] += waiting_off[u];
    {
        Py_ssize_t *fill = PyMem_Malloc(sizeof(Py_ssize_t) * (N + 1));
        if (!fill) { PyErr_NoMemory(); goto done; }
        memcpy(fill, waiting_off, sizeof(Py_ssize_t) * (N + 1));
        for (Py_ssize_t i = 0; i < C; i++)
            for (Py_ssize_t k = s.need_off[i]; k < s.need_off[i + 1]; k++) waiting[fill[s.need[k]]++] = i;
        PyMem_Free(fill);
    }

    /* ---- greedy.greedy_groups ---- */
    s.picked = PyMem_Calloc(N + 1, 1);
    s.done = PyMem_Calloc(C + 1, 1);
    chosen = PyMem_Malloc(sizeof(Py_ssize_t) * (N + 1));
    group = PyMem_Malloc(sizeof(Py_ssize_t) * (total_needs + 2));
    long long max_words = 0;
    for (Py_ssize_t i = 0; i < C; i++) if (s.n_words[s.cand[i]] > max_words) max_words = s.n_words[s.cand[i]];
    if (max_words > ((long long)1 << 24)) { PyErr_SetString(PyExc_ValueError, "candidate too long"); goto done; }
    left = PyMem_Calloc((size_t)max_words + 2, sizeof(Py_ssize_t)); /* heap entries by length */
    if (!s.picked || !s.done || !chosen || !group || !left) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t i = 0; i < C; i++) {
        s.done[i] = (char)s.need_none[i];
        if (s.done[i]) continue;
        double g = s.need_off[i + 1] > s.need_off[i] ? evaluate(&s, i, NULL, NULL) : s.mass[i] * s.factor[i];
        if (heap_push(&heap, -g, i, 0) < 0) goto done;
        left[s.n_words[s.cand[i]]]++;
    }
    long long shortest_left = 1;
    {
        Py_ssize_t w;
        for (w = 0; w <= max_words && !left[w]; w++) ;
        if (w <= max_words) shortest_left = w;
    }
#define DROP(j) do { \
        s.done[j] = 1; \
        long long nw_ = s.n_words[s.cand[j]]; \
        left[nw_]--; \
        if (nw_ == shortest_left && !left[nw_]) { \
            Py_ssize_t w_; \
            for (w_ = 0; w_ <= max_words && !left[w_]; w_++) ; \
            shortest_left = w_ <= max_words ? w_ : 1; \
        } \
    } while (0)
    Py_ssize_t n_chosen = 0, version = 0;
    long long used_words = 0, shortest = 1000000000LL;
    while (heap.n && fits(&budget, used_words, n_chosen, shortest_left)) {
        hentry e = heap_pop(&heap);
        Py_ssize_t i = e.i;
        if (s.done[i]) continue; /* a stale entry */
        Py_ssize_t u = s.cand[i];
        if (!fits(&budget, used_words, n_chosen, s.n_words[u])) { DROP(i); continue; }
        int has_needs = s.need_off[i + 1] > s.need_off[i];
        double current;
        if (e.version == version) current = -e.neg;
        else if (has_needs) current = evaluate(&s, i, NULL, NULL);
        else current = gain_alone(&s, i);
        if (current > 0 && heap.n && current < -heap.a[0].neg - 1e-12) {
            if (heap_push(&heap, -current, i, version) < 0) goto done;
            continue;
        }
        if (current <= 0) { DROP(i); continue; }
        Py_ssize_t glen = 1;
        if (has_needs) evaluate(&s, i, group, &glen);
        else group[0] = u;
        if (glen > 1) { /* fits_all */
            long long w = used_words, n_sent = n_chosen;
            int ok = 1;
            for (Py_ssize_t k = 0; k < glen && ok; k++) {
                if (!fits(&budget, w, n_sent, s.n_words[group[k]])) ok = 0;
                w += s.n_words[group[k]];
                n_sent++;
            }
            if (!ok) continue; /* the group may fit later */
        }
        int rep = 0;
        for (Py_ssize_t k = 0; k < glen && !rep; k++) rep = repeats(&s, group[k], chosen, n_chosen, shortest, limit);
        if (rep) { DROP(i); continue; }
        for (Py_ssize_t k = 0; k < glen; k++) {
            Py_ssize_t v = group[k];
            chosen[n_chosen++] = v;
            s.picked[v] = 1;
            for (Py_ssize_t t = s.term_off[v]; t < s.term_off[v + 1]; t++) s.chosen_term[s.term[t]] = 1;
            long long len_v = s.term_off[v + 1] - s.term_off[v];
            if ((len_v ? len_v : 1) < shortest) shortest = len_v ? len_v : 1;
            for (Py_ssize_t c = s.con_off[v]; c < s.con_off[v + 1]; c++) s.covered[s.con[c]] = 1;
            used_words += s.n_words[v];
            Py_ssize_t j = s.cand_of[v];
            if (j >= 0 && !s.done[j]) DROP(j);
        }
        version++;
        for (Py_ssize_t k = 0; k < glen; k++) {
            Py_ssize_t v = group[k];
            for (Py_ssize_t w = waiting_off[v]; w < waiting_off[v + 1]; w++) {
                Py_ssize_t j = waiting[w];
                if (!s.done[j] && heap_push(&heap, -evaluate(&s, j, NULL, NULL), j, version) < 0) goto done;
            }
        }
    }
#undef DROP
    result = PyList_New(n_chosen);
    if (!result) goto done;
    for (Py_ssize_t k = 0; k < n_chosen; k++) {
        PyObject *o = PyLong_FromSsize_t(chosen[k]);
        if (!o) { Py_CLEAR(result); goto done; }
        PyList_SET_ITEM(result, k, o);
    }

done:
    Py_XDECREF(doc_lens_seq);
    Py_XDECREF(packed_seq);
    Py_XDECREF(coefs_seq);
    PyMem_Free(pos);
    PyMem_Free(flags);
    PyMem_Free((void *)rec);
    idmap_free(&concepts);
    idmap_free(&terms_map);
    PyMem_Free(s.doc_of); PyMem_Free(s.n_words); PyMem_Free(s.doc_lens);
    PyMem_Free(s.con_off); PyMem_Free(s.con); PyMem_Free(s.term_off); PyMem_Free(s.term);
    PyMem_Free(s.cand); PyMem_Free(s.cand_of); PyMem_Free(s.need_off); PyMem_Free(s.need); PyMem_Free(s.need_none);
    PyMem_Free(s.weight); PyMem_Free(s.mass); PyMem_Free(s.factor);
    PyMem_Free(s.covered); PyMem_Free(s.picked); PyMem_Free(s.chosen_term); PyMem_Free(s.done);
    PyMem_Free(s.stamp); PyMem_Free(s.tstamp);
    PyMem_Free(last_unit); PyMem_Free(last_doc); PyMem_Free(freq); PyMem_Free(ndocs); PyMem_Free(df);
    PyMem_Free(first_seen); PyMem_Free(rank); PyMem_Free(density);
    PyMem_Free(idf2); PyMem_Free(idf2_known); PyMem_Free(order); PyMem_Free(concept_rank);
    PyMem_Free(waiting_off); PyMem_Free(waiting); PyMem_Free(chosen); PyMem_Free(group); PyMem_Free(left);
    PyMem_Free(heap.a);
    return result;
}

static PyMethodDef methods[] = {
    {"make_unit", (PyCFunction)(void (*)(void))make_unit, METH_FASTCALL, "units.make_unit (see the source)."},
    {"make_units", (PyCFunction)(void (*)(void))make_units, METH_FASTCALL, "units.make_units (see the source)."},
    {"select", select_story, METH_VARARGS, "The default summarizer's picks for one story (flat unit indices)."},
    {NULL, NULL, 0, NULL},
};

static void module_free(void *m) {
    tc_clear();
    PyMem_Free(buf_tok);
    PyMem_Free(buf_items);
    PyMem_Free(buf_vals);
    buf_tok = NULL; buf_items = NULL; buf_vals = NULL; buf_cap = 0;
    Py_CLEAR(str_text);
    Py_CLEAR(str_it);
    Py_CLEAR(str_position);
}

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_kernel",
    "C inner loops of storyline's default summarizer (see _kernel.c for what each mirrors).",
    -1, methods, NULL, NULL, NULL, module_free,
};

PyMODINIT_FUNC PyInit__kernel(void) {
    init_tables();
    if (!str_text && !(str_text = PyUnicode_InternFromString("text"))) return NULL;
    if (!str_it && !(str_it = PyUnicode_InternFromString("it"))) return NULL;
    if (!str_position && !(str_position = PyUnicode_InternFromString("position"))) return NULL;
    return PyModule_Create(&module);
}
