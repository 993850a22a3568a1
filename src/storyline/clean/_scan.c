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
   "crawl" ("©" is handled with the other non-ASCII characters). Those of ``in_tail`` count
   only inside the last TAIL characters, whole: notices and phrases.credit_word's credit
   words ("stock" stands for "shutterstock" and "istock", as there). */
typedef struct {
    const char *text;
    Py_ssize_t offset; /* of the anchor in the needle */
} needle;

static const needle anywhere_y[] = {{"you", 0}, {NULL, 0}};
static const needle anywhere_f[] = {{"left", 2}, {NULL, 0}};
static const needle anywhere_brace[] = {{"{{", 0}, {NULL, 0}};
static const needle anywhere_g[] = {{"sign up", 2}, {NULL, 0}};
static const needle anywhere_w[] = {{"crawl", 3}, {NULL, 0}};
static const needle tail_v[] = {{"reserved", 5}, {NULL, 0}};
static const needle tail_b[] = {{"contributed", 6}, {NULL, 0}};
static const needle tail_p[] = {{"photo", 0}, {"picture:", 0}, {NULL, 0}};
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
        {'y', anywhere_y}, {'f', anywhere_f}, {'{', anywhere_brace}, {'g', anywhere_g}, {'w', anywhere_w}};
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
    /* boilerplate.CREDIT_STARTS and BODY_TRIGGERS_START: a line opening with one of these
       is looked at in Python ("pictured" opens with "picture", the "in this ..." photo
       notes with "in this "). */
    Py_UCS4 first = lower_at(kind, data, 0);
    switch (first) {
    case 0xA9: Py_RETURN_FALSE;
    case '(': if (at(kind, data, n, 0, "(c) ")) Py_RETURN_FALSE; break;
    case 'p': if (at(kind, data, n, 0, "photo") || at(kind, data, n, 0, "picture")) Py_RETURN_FALSE; break;
    case 'i':
        if (at(kind, data, n, 0, "image") || at(kind, data, n, 0, "in this ") || at(kind, data, n, 0, "illustration"))
            Py_RETURN_FALSE;
        break;
    case 'c':
        if (at(kind, data, n, 0, "credit") || at(kind, data, n, 0, "caption") || at(kind, data, n, 0, "close "))
            Py_RETURN_FALSE;
        break;
    case 'f': if (at(kind, data, n, 0, "file")) Py_RETURN_FALSE; break;
    case 'a': if (at(kind, data, n, 0, "a version of this")) Py_RETURN_FALSE; break;
    case 'w': if (at(kind, data, n, 0, "with assistance")) Py_RETURN_FALSE; break;
    case '-': if (at(kind, data, n, 0, "-- with assistance")) Py_RETURN_FALSE; break;
    case 0x2014: Py_RETURN_FALSE; /* "— with assistance" */
    default: break;
    }
    if (PyUnicode_READ(kind, data, n - 1) == ')')
        Py_RETURN_FALSE;
    Py_ssize_t tail = n > TAIL ? n - TAIL : 0;
    int hit;
    switch (kind) {
    case PyUnicode_1BYTE_KIND: hit = scan_ucs1(data, n, tail, ascii_lower); break;
    case PyUnicode_2BYTE_KIND: hit = scan_ucs2(data, n, tail, ascii_lower); break;
    default: hit = scan_ucs4(data, n, tail, ascii_lower); break;
    }
    if (hit)
        Py_RETURN_FALSE;
    Py_RETURN_TRUE;
}

/* What normalize.normalized learns from a text before it changes anything, in one pass:
   (the UTF-8 of the non-ASCII characters, whether any character needs tidying (an ASCII
   control other than the newline, or a non-printable non-ASCII character), whether two
   spaces meet). In Python that is an encode, two byte translations, a decode, isprintable
   and a search for "  ": six passes over the text. None for a text holding a lone
   surrogate, which has no UTF-8: the caller's Python path repairs it. */
static PyMethodDef methods[] = {
    {"plain_sentence", plain_sentence, METH_VARARGS,
     "plain_sentence(text, ascii_lower) -> bool: True only if boilerplate._plain_sentence(text.lower()) is."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, methods};

PyMODINIT_FUNC PyInit__scan(void) {
    init_tables();
    return PyModule_Create(&module);
}
