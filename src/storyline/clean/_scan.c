/*
 * storyline.clean._scan: one pass over a long sentence that clears it as body text.
 *
 * Why C: most of a news text is long sentences, and clean clears each of them with
 * boilerplate._plain_sentence: the line lowercased, then about twenty substring scans
 * ("you", "left", "crawl", credit words in the last 90 characters, ...). Each scan is a
 * pass over the line, so together they were about 15% of cleaning, and text cleaning must
 * run at >= 20 MB/s per core. Here the same needles are looked for in a single pass over
 * the line as it is, lowercasing ASCII letters on the fly. No library scans for a set of
 * needles in a Python str without copying it first.
 *
 * plain_sentence(text, ascii_lower) is conservative: True only when
 * _plain_sentence(text.lower()) is certainly True; False means "look closer" and the
 * caller runs the Python checks, which stay the reference. ``ascii_lower`` says that
 * str.lower changes no non-ASCII character of the text (clean's ascii_case); without it a
 * non-ASCII character answers False, since its lowercase form might be ASCII or longer.
 * tests/test_clean_scan.py checks the contract on real and generated lines.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define TAIL 90 /* _plain_sentence looks for credits and notices in lower[-90:] */

static inline Py_UCS4 lower_at(int kind, const void *data, Py_ssize_t i) {
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Whether the ASCII ``needle`` (lowercase) occurs at ``i``, comparing lowercased. */
static int at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *needle) {
    for (Py_ssize_t k = 0; needle[k]; k++) {
        if (i + k >= n || lower_at(kind, data, i + k) != (Py_UCS4)(unsigned char)needle[k])
            return 0;
    }
    return 1;
}

/* The needles, each found through its rarest letter (its anchor) at an offset, so that
   most characters of a line are passed over with one table look-up. Those of ``anywhere``
   clear nothing wherever they are: "you", "left" (a positional caption), "{{", "sign up",
   "crawl" ("©" is handled with the other non-ASCII characters), and for plain_mid "www."
   and "}}". Those of ``in_tail`` count only inside the last TAIL characters, whole (all of
   the line for plain_mid): notices and phrases.credit_word's credit words ("stock" stands
   for "shutterstock" and "istock", as there), and for plain_mid "http". A needle more
   only makes a scan more careful. */
typedef struct {
    const char *text;
    Py_ssize_t offset; /* of the anchor in the needle */
} needle;

static const needle anywhere_y[] = {{"you", 0}, {NULL, 0}};
static const needle anywhere_f[] = {{"left", 2}, {NULL, 0}};
static const needle anywhere_brace[] = {{"{{", 0}, {NULL, 0}};
static const needle anywhere_g[] = {{"sign up", 2}, {NULL, 0}};
static const needle anywhere_w[] = {{"crawl", 3}, {"www.", 0}, {NULL, 0}};
static const needle anywhere_close_brace[] = {{"}}", 0}, {NULL, 0}};
static const needle tail_v[] = {{"reserved", 5}, {NULL, 0}};
static const needle tail_b[] = {{"contributed", 6}, {NULL, 0}};
static const needle tail_p[] = {{"photo", 0}, {"picture:", 0}, {"http", 3}, {NULL, 0}};
static const needle tail_g[] = {{"image", 3}, {"getty", 0}, {NULL, 0}};
static const needle tail_y[] = {{"alamy", 4}, {NULL, 0}};
static const needle tail_k[] = {{"stock", 4}, {NULL, 0}};
static const needle tail_slash[] = {{"reuters/", 7}, {NULL, 0}};
static const needle tail_x[] = {{"rex features", 2}, {NULL, 0}};

static const needle *anywhere_of[128];
static const needle *tail_of[128];
/* Per one-byte character: 0 pass over; bit 1 an anchor of ``anywhere``; bit 2 of
   ``in_tail`` (looked at only in the tail); bit 4 not ASCII. */
static unsigned char kinds_of[256];

static void init_tables(void) {
    static const struct { char c; const needle *list; } anywhere[] = {
        {'y', anywhere_y}, {'f', anywhere_f}, {'{', anywhere_brace}, {'g', anywhere_g}, {'w', anywhere_w},
        {'}', anywhere_close_brace}};
    static const struct { char c; const needle *list; } tail[] = {
        {'v', tail_v}, {'b', tail_b}, {'p', tail_p}, {'g', tail_g}, {'y', tail_y}, {'k', tail_k},
        {'/', tail_slash}, {'x', tail_x}};
    for (size_t k = 0; k < sizeof anywhere / sizeof anywhere[0]; k++)
        anywhere_of[(unsigned char)anywhere[k].c] = anywhere[k].list;
    for (size_t k = 0; k < sizeof tail / sizeof tail[0]; k++)
        tail_of[(unsigned char)tail[k].c] = tail[k].list;
    for (int c = 0; c < 128; c++) {
        int lower = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        kinds_of[c] = (unsigned char)((anywhere_of[lower] ? 1 : 0) | (tail_of[lower] ? 2 : 0));
    }
    for (int c = 128; c < 256; c++)
        kinds_of[c] = 4;
}

/* Whether one of ``list`` occurs with its anchor at ``i``, starting at or after ``from``. */
static int found(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_ssize_t from, const needle *list) {
    for (; list->text; list++) {
        Py_ssize_t start = i - list->offset;
        if (start >= from && at(kind, data, n, start, list->text))
            return 1;
    }
    return 0;
}

/* Whether a needle (or a character that needs a closer look) is in the line: one loop per
   string kind, so the common one-byte strings are read as bytes. Before the tail only the
   anchors of ``anywhere`` matter (mask 1 | 4), in the tail those of both (1 | 2 | 4). */
#define SCAN(NAME, TYPE, KIND)                                                                  \
    static int NAME(const void *data, Py_ssize_t n, Py_ssize_t tail, int ascii_lower) {        \
        const TYPE *chars = (const TYPE *)data;                                                 \
        unsigned mask = 1 | 4;                                                                  \
        Py_ssize_t end = tail, i = 0;                                                           \
        for (int part = 0; part < 2; part++, mask = 1 | 2 | 4, end = n) {                      \
            for (; i < end; i++) {                                                              \
                Py_UCS4 c = chars[i];                                                           \
                unsigned what = c < 256 ? (unsigned)kinds_of[c] & mask : 4u;                    \
                if (!what)                                                                      \
                    continue;                                                                   \
                if (what & 4) {                                                                 \
                    /* "©" is a needle; any other character may lowercase to ASCII or to     \
                       more than one character unless the caller knows it does not. */        \
                    if (c == 0xA9 || !ascii_lower)                                              \
                        return 1;                                                               \
                    continue;                                                                   \
                }                                                                               \
                Py_UCS4 lower = (c >= 'A' && c <= 'Z') ? c + 32 : c;                            \
                if ((what & 1) && found(KIND, data, n, i, 0, anywhere_of[lower]))               \
                    return 1;                                                                   \
                if ((what & 2) && found(KIND, data, n, i, tail, tail_of[lower]))                \
                    return 1;                                                                   \
            }                                                                                   \
        }                                                                                       \
        return 0;                                                                               \
    }

SCAN(scan_ucs1, Py_UCS1, PyUnicode_1BYTE_KIND)
SCAN(scan_ucs2, Py_UCS2, PyUnicode_2BYTE_KIND)
SCAN(scan_ucs4, Py_UCS4, PyUnicode_4BYTE_KIND)

static int scan(int kind, const void *data, Py_ssize_t n, Py_ssize_t tail, int ascii_lower) {
    switch (kind) {
    case PyUnicode_1BYTE_KIND: return scan_ucs1(data, n, tail, ascii_lower);
    case PyUnicode_2BYTE_KIND: return scan_ucs2(data, n, tail, ascii_lower);
    default: return scan_ucs4(data, n, tail, ascii_lower);
    }
}

/* Whether the line opens like a credit (boilerplate.CREDIT_STARTS, lowercased): "pictured"
   opens with "picture", the "in this ..." photo notes with "in this ". */
static int credit_opening(int kind, const void *data, Py_ssize_t n) {
    switch (lower_at(kind, data, 0)) {
    case 0xA9: return 1;
    case '(': return at(kind, data, n, 0, "(c) ");
    case 'p': return at(kind, data, n, 0, "photo") || at(kind, data, n, 0, "picture");
    case 'i': return at(kind, data, n, 0, "image") || at(kind, data, n, 0, "in this ") || at(kind, data, n, 0, "illustration");
    case 'c': return at(kind, data, n, 0, "credit") || at(kind, data, n, 0, "caption") || at(kind, data, n, 0, "close ");
    case 'f': return at(kind, data, n, 0, "file");
    default: return 0;
    }
}

static PyObject *plain_sentence(PyObject *self, PyObject *args) {
    PyObject *text;
    int ascii_lower;
    if (!PyArg_ParseTuple(args, "Up:plain_sentence", &text, &ascii_lower))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n == 0)
        Py_RETURN_FALSE;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* A credit's opening, or boilerplate.BODY_TRIGGERS_START's: looked at in Python. */
    if (credit_opening(kind, data, n))
        Py_RETURN_FALSE;
    switch (lower_at(kind, data, 0)) {
    case 'a': if (at(kind, data, n, 0, "a version of this")) Py_RETURN_FALSE; break;
    case 'w': if (at(kind, data, n, 0, "with assistance")) Py_RETURN_FALSE; break;
    case '-': if (at(kind, data, n, 0, "-- with assistance")) Py_RETURN_FALSE; break;
    case 0x2014: Py_RETURN_FALSE; /* "— with assistance" */
    default: break;
    }
    if (PyUnicode_READ(kind, data, n - 1) == ')')
        Py_RETURN_FALSE;
    if (scan(kind, data, n, n > TAIL ? n - TAIL : 0, ascii_lower))
        Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

/* What normalize.normalized learns from a text before it changes anything, in one pass:
   (the UTF-8 of the non-ASCII characters, whether any character needs tidying (an ASCII
   control other than the newline, or a non-printable non-ASCII character), whether two
   spaces meet). In Python that is an encode, two byte translations, a decode, isprintable
   and a search for "  ": six passes over the text. None for a text holding a lone
   surrogate, which has no UTF-8: the caller's Python path repairs it. */
/* ---------------------------------------------------------------------------------- */
/* plain_mid: the same for a sentence of 13-24 words (boilerplate.line_reason's full path).
 *
 * Such a line also meets the checks of short lines: a strong chrome word among its words
 * (phrases._STRONG_KEYS, then a phrase check), a credit word anywhere (not only in the
 * tail), a teaser or an imperative opening ("Read more:", "Sign up ..."), a line ending in
 * "more", a bullet, a bracket, "Related ...", "CLOSE ", "MOST", a link ("http", "www."),
 * and no letter or digit at all (a separator). plain_mid is True only when none of these
 * can apply, so line_reason would return None; configure() hands it the word sets. */

#define MAX_WORD 16
#define WORD_SLOTS 512 /* open addressing, power of two, far above the sets' sizes */

typedef struct {
    char word[WORD_SLOTS][MAX_WORD + 1];
    unsigned char used[WORD_SLOTS];
} word_set;

static word_set strong_keys, openings;
static int configured = 0;

static uint32_t word_hash(const char *w, Py_ssize_t len) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (Py_ssize_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)w[k]) * 16777619u;
    return h;
}

static int word_add(word_set *set, const char *w, Py_ssize_t len) {
    if (len < 1 || len > MAX_WORD)
        return 0; /* the caller refuses such a set: every word must be findable */
    uint32_t slot = word_hash(w, len) & (WORD_SLOTS - 1);
    for (int probes = 0; probes < WORD_SLOTS; probes++, slot = (slot + 1) & (WORD_SLOTS - 1)) {
        if (!set->used[slot]) {
            memcpy(set->word[slot], w, (size_t)len);
            set->word[slot][len] = 0;
            set->used[slot] = 1;
            return 1;
        }
        if (strncmp(set->word[slot], w, (size_t)len) == 0 && set->word[slot][len] == 0)
            return 1;
    }
    return 0;
}

static int word_in(const word_set *set, const char *w, Py_ssize_t len) {
    if (len < 1 || len > MAX_WORD)
        return 0;
    uint32_t slot = word_hash(w, len) & (WORD_SLOTS - 1);
    for (int probes = 0; probes < WORD_SLOTS && set->used[slot]; probes++, slot = (slot + 1) & (WORD_SLOTS - 1)) {
        if (strncmp(set->word[slot], w, (size_t)len) == 0 && set->word[slot][len] == 0)
            return 1;
    }
    return 0;
}

static int fill(word_set *set, PyObject *words) {
    PyObject *iter = PyObject_GetIter(words);
    if (iter == NULL)
        return 0;
    PyObject *item;
    int ok = 1;
    memset(set, 0, sizeof *set);
    while (ok && (item = PyIter_Next(iter)) != NULL) {
        Py_ssize_t len;
        const char *w = PyUnicode_Check(item) ? PyUnicode_AsUTF8AndSize(item, &len) : NULL;
        ok = w != NULL && PyUnicode_IS_ASCII(item) && word_add(set, w, len);
        Py_DECREF(item);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred())
        return 0;
    if (!ok)
        PyErr_SetString(PyExc_ValueError, "configure() takes sets of 1-16 lowercase ASCII letters");
    return ok;
}

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *keys, *first;
    if (!PyArg_ParseTuple(args, "OO:configure", &keys, &first))
        return NULL;
    configured = 0;
    if (!fill(&strong_keys, keys) || !fill(&openings, first))
        return NULL;
    configured = 1;
    Py_RETURN_NONE;
}

static PyObject *plain_mid(PyObject *self, PyObject *args) {
    PyObject *text;
    int ascii_lower;
    if (!PyArg_ParseTuple(args, "Up:plain_mid", &text, &ascii_lower))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (!configured || n == 0)
        Py_RETURN_FALSE;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 first = PyUnicode_READ(kind, data, 0);
    /* Openings of credits, notices, bullets, teasers, labels: looked at in Python. */
    if (first == '[' || first == '(' || first == '*' || first == '-' || first == 0xA9 || first >= 0x80)
        Py_RETURN_FALSE;
    /* "CLOSE " (a video caption) is among the credit openings, any case. */
    if (at(kind, data, n, 0, "related ") || (first == 'M' && at(kind, data, n, 0, "most")) || credit_opening(kind, data, n))
        Py_RETURN_FALSE;
    if (PyUnicode_READ(kind, data, n - 1) == ')')
        Py_RETURN_FALSE;
    /* A teaser's end: "... read more", "More >>", "more »" (and any of " .:>»›" after). */
    Py_ssize_t end = n;
    while (end > 0) {
        Py_UCS4 c = PyUnicode_READ(kind, data, end - 1);
        if (c == ' ' || c == '.' || c == ':' || c == '>' || c == 0xBB || c == 0x203A)
            end--;
        else
            break;
    }
    if (end >= 4 && at(kind, data, end, end - 4, "more"))
        Py_RETURN_FALSE;
    /* The needles of plain_sentence, credit words in the whole line, links, "}}". */
    if (scan(kind, data, n, 0, ascii_lower))
        Py_RETURN_FALSE;
    /* The words: a strong key anywhere, or a teaser or imperative first word; and at least
       one letter or digit. Words are runs of ASCII letters, lowercased (phrases.words_of). */
    char word[MAX_WORD + 1];
    Py_ssize_t len = 0;
    int first_word = 1, alnum = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        Py_UCS4 c = i < n ? PyUnicode_READ(kind, data, i) : ' ';
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            if (len <= MAX_WORD)
                word[len] = (char)(c | 0x20);
            len++;
            continue;
        }
        if (c >= '0' && c <= '9')
            alnum = 1;
        if (len) {
            alnum = 1;
            if (len <= MAX_WORD && (word_in(&strong_keys, word, len) || (first_word && word_in(&openings, word, len))))
                Py_RETURN_FALSE;
            first_word = 0;
            len = 0;
        }
    }
    if (!alnum)
        Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

static PyMethodDef methods[] = {
    {"plain_sentence", plain_sentence, METH_VARARGS,
     "plain_sentence(text, ascii_lower) -> bool: True only if boilerplate._plain_sentence(text.lower()) is."},
    {"plain_mid", plain_mid, METH_VARARGS,
     "plain_mid(text, ascii_lower) -> bool: True only if line_reason gives a 13-24 word sentence no reason."},
    {"configure", configure, METH_VARARGS,
     "configure(strong_keys, openings): the word sets plain_mid looks for (lowercase ASCII letters)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void) {
    init_tables();
    return PyModule_Create(&module);
}
