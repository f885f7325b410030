/*
 * summarize._ctext: compiled kernels for the sentence splitter, Porter
 * stemming (nltk's default mode, rule for rule; summarize.stemming) and the
 * summarizer's per-sentence analysis (optional; the pure-Python code in
 * summarize/sentences.py, features.py, learned.py and tfidf.py gives the same
 * results and runs when this module was not built).
 *
 * split(text, start, cased, titles, abbreviations, openers, normalize)
 *     summarize.sentences.sentence_spans after the dateline (start) and the
 *     cased test (cased = -1: text != text.lower(), computed here), rule for rule: the _CANDIDATE scan, _is_boundary,
 *     _PTB_CLOSE_QUOTE and _append_span.  Character classes are CPython's own
 *     (Py_UNICODE_ISSPACE is re's \s and str.isspace, Py_UNICODE_ISALNUM is
 *     str.isalnum, ...); word lower-casing calls str.lower, so full Unicode
 *     case mapping applies.  normalize=True returns " ".join(span.split())
 *     strings, False the (start, end) spans.
 *
 * new_cache([stop_words, stem]), analyze(sentences, cache, memo, fallback, said)
 *     The analyser's terms (for each [a-z0-9]+ run of the lower-cased
 *     sentence, its term through a word cache: computed here by the memo's
 *     rule, or memo[word]; "" = dropped) as matrix columns, word counts and
 *     ids of the lower-cased white-space words (for n-gram blocking), and the
 *     surface flags (quote, said/says/told, alphanumeric count);
 *     fallback(sentence) gives terms and flags of sentences in other scripts.
 * mmr(...), rouge_tokens(...), porter_stem(word), squeeze(text)
 *     See their docstrings.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include "_cbuffer.h"

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

/* ------------------------------------------------------------------------ */
/* Porter stemmer, nltk NLTK_EXTENSIONS mode                                */
/* ------------------------------------------------------------------------ */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* nltk's _is_consonant: a 'y' after a run of 'y's alternates. */
static int is_cons(const char *b, Py_ssize_t i)
{
    int negate = 0;
    if (is_vowel(b[i])) return 0;
    if (b[i] != 'y') return 1;
    while (i > 0 && b[i] == 'y') { negate = !negate; i--; }
    return (!is_vowel(b[i])) != negate;
}

/* Consonant flag of b[i] given the flag of b[i - 1] (a 'y' is a consonant
 * unless it follows one): the same as is_cons, in one left-to-right pass. */
static inline int cons_after(const char *b, Py_ssize_t i, int prev)
{
    if (is_vowel(b[i])) return 0;
    if (b[i] == 'y') return i == 0 ? 1 : !prev;
    return 1;
}

/* Number of "vc" in the consonant/vowel string of b[0:k] (one pass). */
static Py_ssize_t measure(const char *b, Py_ssize_t k)
{
    Py_ssize_t m = 0;
    int prev = 0;
    for (Py_ssize_t i = 0; i < k; i++) {
        int c = cons_after(b, i, prev);
        if (i > 0 && !prev && c) m++;
        prev = c;
    }
    return m;
}

static int contains_vowel(const char *b, Py_ssize_t k)
{
    int prev = 0;
    for (Py_ssize_t i = 0; i < k; i++) {
        prev = cons_after(b, i, prev);
        if (!prev) return 1;
    }
    return 0;
}

static int ends_with(const char *b, Py_ssize_t k, const char *s)
{
    Py_ssize_t n = (Py_ssize_t)strlen(s);
    return k >= n && memcmp(b + k - n, s, (size_t)n) == 0;
}

static int ends_double_cons(const char *b, Py_ssize_t k)
{
    return k >= 2 && b[k - 1] == b[k - 2] && is_cons(b, k - 1);
}

static int ends_cvc(const char *b, Py_ssize_t k)
{
    if (k >= 3 && is_cons(b, k - 3) && !is_cons(b, k - 2) && is_cons(b, k - 1)
        && b[k - 1] != 'w' && b[k - 1] != 'x' && b[k - 1] != 'y')
        return 1;
    return k == 2 && !is_cons(b, 0) && is_cons(b, 1);
}

enum cond { C_NONE, C_M0, C_M1, C_ION, C_LOGI };
typedef struct { const char *suffix; const char *repl; enum cond cond; } Rule;

/* nltk's _apply_rule_list: the first rule whose suffix matches decides (if its
 * condition fails, the word is returned unchanged). */
static void apply_rules(char *b, Py_ssize_t *k, const Rule *rules, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        if (!ends_with(b, *k, rules[r].suffix)) continue;
        Py_ssize_t stem = *k - (Py_ssize_t)strlen(rules[r].suffix);
        int ok;
        switch (rules[r].cond) {
        case C_NONE: ok = 1; break;
        case C_M0: ok = measure(b, stem) > 0; break;
        case C_M1: ok = measure(b, stem) > 1; break;
        case C_ION: ok = measure(b, stem) > 1 && (b[stem - 1] == 's' || b[stem - 1] == 't'); break;
        default: ok = measure(b, *k - 3) > 0; break; /* "logi": word[:-3] */
        }
        if (ok) {
            size_t rl = strlen(rules[r].repl);
            memcpy(b + stem, rules[r].repl, rl);
            *k = stem + (Py_ssize_t)rl;
        }
        return;
    }
}

static const Rule STEP1A[] = {{"sses", "ss", C_NONE}, {"ies", "i", C_NONE}, {"ss", "ss", C_NONE}, {"s", "", C_NONE}};
static const Rule STEP2[] = {
    {"ational", "ate", C_M0}, {"tional", "tion", C_M0}, {"enci", "ence", C_M0}, {"anci", "ance", C_M0},
    {"izer", "ize", C_M0}, {"bli", "ble", C_M0}, {"alli", "al", C_M0}, {"entli", "ent", C_M0},
    {"eli", "e", C_M0}, {"ousli", "ous", C_M0}, {"ization", "ize", C_M0}, {"ation", "ate", C_M0},
    {"ator", "ate", C_M0}, {"alism", "al", C_M0}, {"iveness", "ive", C_M0}, {"fulness", "ful", C_M0},
    {"ousness", "ous", C_M0}, {"aliti", "al", C_M0}, {"iviti", "ive", C_M0}, {"biliti", "ble", C_M0},
    {"fulli", "ful", C_M0}, {"logi", "log", C_LOGI}};
static const Rule STEP3[] = {{"icate", "ic", C_M0}, {"ative", "", C_M0}, {"alize", "al", C_M0},
                             {"iciti", "ic", C_M0}, {"ical", "ic", C_M0}, {"ful", "", C_M0}, {"ness", "", C_M0}};
static const Rule STEP4[] = {
    {"al", "", C_M1}, {"ance", "", C_M1}, {"ence", "", C_M1}, {"er", "", C_M1}, {"ic", "", C_M1},
    {"able", "", C_M1}, {"ible", "", C_M1}, {"ant", "", C_M1}, {"ement", "", C_M1}, {"ment", "", C_M1},
    {"ent", "", C_M1}, {"ion", "", C_ION}, {"ou", "", C_M1}, {"ism", "", C_M1}, {"ate", "", C_M1},
    {"iti", "", C_M1}, {"ous", "", C_M1}, {"ive", "", C_M1}, {"ize", "", C_M1}};
#define N_RULES(a) (sizeof(a) / sizeof((a)[0]))

static void step1a(char *b, Py_ssize_t *k)
{
    if (*k == 4 && ends_with(b, *k, "ies")) { *k = 3; b[2] = 'e'; return; } /* "ties" -> "tie" */
    apply_rules(b, k, STEP1A, N_RULES(STEP1A));
}

static void step1b(char *b, Py_ssize_t *k)
{
    if (ends_with(b, *k, "ied")) {
        if (*k == 4) { *k = 3; b[2] = 'e'; }
        else { *k -= 2; }
        return;
    }
    if (ends_with(b, *k, "eed")) {
        if (measure(b, *k - 3) > 0) *k -= 1;
        return;
    }
    Py_ssize_t stem;
    if (ends_with(b, *k, "ed") && contains_vowel(b, *k - 2)) stem = *k - 2;
    else if (ends_with(b, *k, "ing") && contains_vowel(b, *k - 3)) stem = *k - 3;
    else return;
    *k = stem;
    if (ends_with(b, stem, "at") || ends_with(b, stem, "bl") || ends_with(b, stem, "iz")) {
        b[(*k)++] = 'e';
        return;
    }
    if (ends_double_cons(b, stem)) {
        char last = b[stem - 1];
        if (last != 'l' && last != 's' && last != 'z') *k = stem - 1;
        return; /* nltk returns here whether or not the condition held */
    }
    if (measure(b, stem) == 1 && ends_cvc(b, stem)) b[(*k)++] = 'e';
}

static void step1c(char *b, Py_ssize_t *k)
{
    if (ends_with(b, *k, "y") && *k - 1 > 1 && is_cons(b, *k - 2)) b[*k - 1] = 'i';
}

static void step2(char *b, Py_ssize_t *k)
{
    while (ends_with(b, *k, "alli") && measure(b, *k - 4) > 0) *k -= 2; /* nltk recurses on "...al" */
    apply_rules(b, k, STEP2, N_RULES(STEP2));
}

static void step5(char *b, Py_ssize_t *k)
{
    if (ends_with(b, *k, "e")) {
        Py_ssize_t m = measure(b, *k - 1);
        if (m > 1 || (m == 1 && !ends_cvc(b, *k - 1))) *k -= 1;
    }
    if (ends_with(b, *k, "ll") && measure(b, *k - 1) > 1) *k -= 1;
}

static const char *const POOL[][2] = {
    {"sky", "sky"}, {"skies", "sky"}, {"dying", "die"}, {"lying", "lie"}, {"tying", "tie"},
    {"news", "news"}, {"innings", "inning"}, {"inning", "inning"}, {"outings", "outing"},
    {"outing", "outing"}, {"cannings", "canning"}, {"canning", "canning"}, {"howe", "howe"},
    {"proceed", "proceed"}, {"exceed", "exceed"}, {"succeed", "succeed"}};

/* The Porter stem of the ASCII word src[0:k] (lower-cased first, as str.lower on ASCII), a new str. */
static PyObject *stem_ascii(const char *src, Py_ssize_t k)
{
    char small[64];
    char *b = (k + 2 <= (Py_ssize_t)sizeof(small)) ? small : (char *)PyMem_Malloc((size_t)k + 2);
    if (b == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < k; i++) {
        char c = src[i];
        b[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    PyObject *result = NULL;
    for (size_t p = 0; p < N_RULES(POOL); p++) {
        if ((Py_ssize_t)strlen(POOL[p][0]) == k && memcmp(b, POOL[p][0], (size_t)k) == 0) {
            result = PyUnicode_FromString(POOL[p][1]);
            goto done;
        }
    }
    if (k > 2) {
        step1a(b, &k);
        step1b(b, &k);
        step1c(b, &k);
        step2(b, &k);
        apply_rules(b, &k, STEP3, N_RULES(STEP3));
        apply_rules(b, &k, STEP4, N_RULES(STEP4));
        step5(b, &k);
    }
    result = PyUnicode_FromStringAndSize(b, k);
done:
    if (b != small) PyMem_Free(b);
    return result;
}

static PyObject *porter_stem(PyObject *self, PyObject *arg)
{
    (void)self;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "porter_stem() takes a str");
        return NULL;
    }
    if (!PyUnicode_IS_ASCII(arg)) {
        PyErr_SetString(PyExc_ValueError, "porter_stem() takes an ASCII word (use nltk for others)");
        return NULL;
    }
    return stem_ascii((const char *)PyUnicode_DATA(arg), PyUnicode_GET_LENGTH(arg));
}

/* ------------------------------------------------------------------------ */
/* Splitter                                                                 */
/* ------------------------------------------------------------------------ */

static const Py_UCS4 STOPS[] = {'.', '!', '?', 0x2026, 0x061F, 0x06D4, 0x0964, 0x0965, 0};
static const Py_UCS4 CJK_STOPS[] = {0x3002, 0xFF01, 0xFF1F, 0xFF61, 0};
static const Py_UCS4 CLOSERS[] = {'\'', '"', 0x2019, 0x201D, ')', ']', 0x00BB, 0};
static const Py_UCS4 CJK_CLOSERS[] = {'\'', '"', 0x2019, 0x201D, ')', ']', 0x00BB, 0x300D, 0x300F, 0xFF09,
                                      0x3011, 0x3015, 0x3009, 0x300B, 0x3017, 0x3019, 0x301B, 0};
static const Py_UCS4 OPENING[] = {'\'', '"', 0x2018, 0x201C, '(', '`', '[', 0}; /* nxt.lstrip(...) */
static const Py_UCS4 WORD_EXTRA[] = {'_', '.', '\'', 0x2019, '-', 0};           /* _word_before */

static int in_list(Py_UCS4 c, const Py_UCS4 *set)
{
    for (; *set; set++)
        if (*set == c) return 1;
    return 0;
}

/* Classes of ASCII characters, filled at import from the lists above and
 * CPython's own predicates; other characters are looked up in the lists. */
enum { C_STOP = 1, C_CLOSER = 2, C_CJK_CLOSER = 4, C_OPENING = 8, C_WORD_EXTRA = 16, C_SPACE = 32, C_ALNUM = 64 };
static unsigned char ASCII_CLASS[128];

static void init_classes(void)
{
    for (Py_UCS4 c = 0; c < 128; c++) {
        ASCII_CLASS[c] = (unsigned char)((in_list(c, STOPS) ? C_STOP : 0) | (in_list(c, CLOSERS) ? C_CLOSER : 0)
                                         | (in_list(c, CJK_CLOSERS) ? C_CJK_CLOSER : 0)
                                         | (in_list(c, OPENING) ? C_OPENING : 0)
                                         | (in_list(c, WORD_EXTRA) ? C_WORD_EXTRA : 0)
                                         | (Py_UNICODE_ISSPACE(c) ? C_SPACE : 0) | (Py_UNICODE_ISALNUM(c) ? C_ALNUM : 0));
    }
}

/* c in set, where `cls` is the set's ASCII class bit. */
static inline int in(Py_UCS4 c, const Py_UCS4 *set, int cls)
{
    return c < 128 ? (ASCII_CLASS[c] & cls) != 0 : in_list(c, set);
}

static inline int is_space(Py_UCS4 c) { return c < 128 ? (ASCII_CLASS[c] & C_SPACE) != 0 : Py_UNICODE_ISSPACE(c); }
static inline int is_alnum(Py_UCS4 c) { return c < 128 ? (ASCII_CLASS[c] & C_ALNUM) != 0 : Py_UNICODE_ISALNUM(c); }
#define IS_STOP(c) in((c), STOPS, C_STOP)
#define IS_CJK_STOP(c) ((c) >= 0x3002 && in_list((c), CJK_STOPS))
#define IS_CLOSER(c) in((c), CLOSERS, C_CLOSER)
#define IS_CJK_CLOSER(c) in((c), CJK_CLOSERS, C_CJK_CLOSER)

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    PyObject *text;
    int cased;
    PyObject *titles, *abbreviations, *openers;
} Splitter;

#define AT(sp, i) PyUnicode_READ((sp)->kind, (sp)->data, (i))

/* Next _CANDIDATE match at or after *pos: [*ms, *me).  0 when none. */
static int next_candidate(const Splitter *sp, Py_ssize_t *pos, Py_ssize_t *ms, Py_ssize_t *me)
{
    for (Py_ssize_t i = *pos; i < sp->n; i++) {
        /* Skip to the next character that can start a match (a stop): a tight loop per kind. */
        if (sp->kind == PyUnicode_1BYTE_KIND) {
            const Py_UCS1 *d = (const Py_UCS1 *)sp->data;
            while (i < sp->n && !(d[i] < 128 && (ASCII_CLASS[d[i]] & C_STOP))) i++; /* no Latin-1 stop >= 128 */
        } else if (sp->kind == PyUnicode_2BYTE_KIND) {
            const Py_UCS2 *d = (const Py_UCS2 *)sp->data;
            while (i < sp->n && (d[i] < 128 ? !(ASCII_CLASS[d[i]] & C_STOP) : !(IS_STOP(d[i]) || IS_CJK_STOP(d[i])))) i++;
        }
        if (i >= sp->n) break;
        Py_UCS4 c = AT(sp, i);
        if (IS_STOP(c)) {
            if (i > 0 && IS_STOP(AT(sp, i - 1))) continue;
            Py_ssize_t j = i + 1;
            while (j < sp->n && IS_STOP(AT(sp, j))) j++;
            while (j < sp->n && IS_CLOSER(AT(sp, j))) j++;
            if (j == sp->n || is_space(AT(sp, j))) {
                *ms = i; *me = j; *pos = j;
                return 1;
            }
        } else if (IS_CJK_STOP(c)) {
            if (i > 0 && IS_CJK_STOP(AT(sp, i - 1))) continue;
            Py_ssize_t j = i + 1;
            while (j < sp->n && IS_CJK_STOP(AT(sp, j))) j++;
            while (j < sp->n && IS_CJK_CLOSER(AT(sp, j))) j++;
            *ms = i; *me = j; *pos = j;
            return 1;
        }
    }
    return 0;
}

/* text[a:b].lower() (new reference): by hand for ASCII, str.lower otherwise (full case mapping). */
static PyObject *lowered_substring(const Splitter *sp, Py_ssize_t a, Py_ssize_t b)
{
    char small[128];
    if (b - a <= (Py_ssize_t)sizeof(small)) {
        Py_ssize_t i = a;
        for (; i < b; i++) {
            Py_UCS4 c = AT(sp, i);
            if (c >= 128) break;
            small[i - a] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        if (i == b) return PyUnicode_FromStringAndSize(small, b - a);
    }
    PyObject *word = PyUnicode_Substring(sp->text, a, b);
    if (word == NULL) return NULL;
    PyObject *lowered = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    return lowered;
}

/* text[a:b].lower() in set; -1 on error. */
static int lower_in(const Splitter *sp, Py_ssize_t a, Py_ssize_t b, PyObject *set)
{
    PyObject *lowered = lowered_substring(sp, a, b);
    if (lowered == NULL) return -1;
    int found = PySet_Contains(set, lowered);
    Py_DECREF(lowered);
    return found;
}

/* _is_boundary; -1 on error. */
static int is_boundary(const Splitter *sp, Py_ssize_t ms, Py_ssize_t me)
{
    Py_ssize_t pe = me;
    while (pe > ms && IS_CJK_CLOSER(AT(sp, pe - 1))) pe--; /* punct = group.rstrip(_CJK_CLOSERS) */
    if (IS_CJK_STOP(AT(sp, pe - 1))) return 1;
    Py_ssize_t k = me;
    while (k < sp->n && is_space(AT(sp, k))) k++; /* _WORD_AFTER: \s*([^\s]{0,100}) */
    Py_ssize_t nxt_end = k;
    while (nxt_end < sp->n && nxt_end - k < 100 && !is_space(AT(sp, nxt_end))) nxt_end++;
    if (nxt_end == k) return 1;
    Py_ssize_t clean = k;
    while (clean < nxt_end && in(AT(sp, clean), OPENING, C_OPENING)) clean++;
    int has_first = clean < nxt_end;
    Py_UCS4 first = has_first ? AT(sp, clean) : 0;
    if (sp->cased && has_first && Py_UNICODE_ISLOWER(first)) return 0;
    Py_ssize_t ps = ms; /* _word_before */
    while (ps > 0 && (is_alnum(AT(sp, ps - 1)) || in(AT(sp, ps - 1), WORD_EXTRA, C_WORD_EXTRA))) ps--;
    if (pe - ms != 1 || AT(sp, ms) != '.') return 1; /* punct != "." */
    if (ps == ms) return 1;                           /* a stand-alone "." */
    Py_ssize_t we = ms;
    while (we > ps && AT(sp, we - 1) == '.') we--; /* prev.rstrip(".") */
    PyObject *word = lowered_substring(sp, ps, we);
    if (word == NULL) return -1;
    int result;
    Py_ssize_t wn = PyUnicode_GET_LENGTH(word);
    int wkind = PyUnicode_KIND(word);
    const void *wdata = PyUnicode_DATA(word);
    Py_ssize_t a = 0, b = wn;
    while (a < b && PyUnicode_READ(wkind, wdata, a) == '.') a++;
    while (b > a && PyUnicode_READ(wkind, wdata, b - 1) == '.') b--;
    int dotted = 0;
    for (Py_ssize_t i = a; i < b; i++)
        if (PyUnicode_READ(wkind, wdata, i) == '.') { dotted = 1; break; }
    if (dotted) {
        result = lower_in(sp, clean, nxt_end, sp->openers); /* U.S., a.m.: only before an opener */
    } else if ((result = PySet_Contains(sp->titles, word)) != 0) {
        result = result < 0 ? -1 : 0; /* Mr. Smith */
    } else if (wn == 1 && Py_UNICODE_ISALPHA(PyUnicode_READ(wkind, wdata, 0)) && Py_UNICODE_ISUPPER(AT(sp, ps))) {
        result = 0; /* V. Stiviano */
    } else if ((result = PySet_Contains(sp->abbreviations, word)) != 0) {
        if (result > 0) {
            if (has_first && Py_UNICODE_ISDIGIT(first)) result = 0; /* No. 10 */
            else result = lower_in(sp, clean, nxt_end, sp->openers);
        }
    } else {
        result = 1;
    }
    Py_DECREF(word);
    return result;
}

/* _append_span on a list of [start, end] pairs kept in a growable array. */
typedef struct { Py_ssize_t *v; Py_ssize_t len, cap; } Spans;

static int append_span(const Splitter *sp, Py_ssize_t s, Py_ssize_t e, Spans *spans)
{
    while (s < e && is_space(AT(sp, s))) s++;
    while (e > s && is_space(AT(sp, e - 1))) e--;
    if (s == e) return 0;
    int alnum = 0;
    for (Py_ssize_t i = s; i < e; i++)
        if (is_alnum(AT(sp, i))) { alnum = 1; break; }
    if (!alnum) { /* a stray closing quote or bullet: glue it to the previous sentence */
        if (spans->len) spans->v[2 * spans->len - 1] = e;
        return 0;
    }
    if (spans->len == spans->cap) {
        Py_ssize_t cap = spans->cap ? 2 * spans->cap : 32;
        Py_ssize_t *v = (Py_ssize_t *)PyMem_Realloc(spans->v, (size_t)cap * 2 * sizeof(Py_ssize_t));
        if (v == NULL) { PyErr_NoMemory(); return -1; }
        spans->v = v;
        spans->cap = cap;
    }
    spans->v[2 * spans->len] = s;
    spans->v[2 * spans->len + 1] = e;
    spans->len++;
    return 0;
}

/* " ".join(text[s:e].split()) for a stripped span. */
static PyObject *normalized(const Splitter *sp, Py_ssize_t s, Py_ssize_t e)
{
    if (sp->kind == PyUnicode_1BYTE_KIND) { /* Latin-1 text: bytes in, bytes out */
        const unsigned char *src = (const unsigned char *)sp->data;
        unsigned char small[512] = {0};
        unsigned char *buf = (e - s <= (Py_ssize_t)sizeof(small)) ? small : (unsigned char *)PyMem_Malloc((size_t)(e - s));
        if (buf == NULL) return PyErr_NoMemory();
        Py_ssize_t len = 0;
        int space = 0;
        for (Py_ssize_t i = s; i < e; i++) {
            unsigned char c = src[i];
            if (is_space(c)) { space = 1; continue; }
            if (space) { buf[len++] = ' '; space = 0; }
            buf[len++] = c;
        }
        PyObject *out = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, buf, len);
        if (buf != small) PyMem_Free(buf);
        return out;
    }
    Py_UCS4 *buf = (Py_UCS4 *)PyMem_Malloc((size_t)(e - s) * sizeof(Py_UCS4));
    if (buf == NULL) return PyErr_NoMemory();
    Py_ssize_t len = 0;
    int space = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = AT(sp, i);
        if (is_space(c)) { space = 1; continue; }
        if (space) { buf[len++] = ' '; space = 0; }
        buf[len++] = c;
    }
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, len);
    PyMem_Free(buf);
    return out;
}

/* text != text.lower(): one of A-Z settles it (and on ASCII text only A-Z
 * can); otherwise str.lower decides (full case mapping).  -1 on error. */
static int is_cased(const Splitter *sp)
{
    for (Py_ssize_t i = 0; i < sp->n; i++) {
        Py_UCS4 c = AT(sp, i);
        if (c >= 'A' && c <= 'Z') return 1;
    }
    if (PyUnicode_IS_ASCII(sp->text)) return 0;
    PyObject *lowered = PyObject_CallMethod(sp->text, "lower", NULL);
    if (lowered == NULL) return -1;
    int differs = PyObject_RichCompareBool(sp->text, lowered, Py_NE);
    Py_DECREF(lowered);
    return differs;
}

PyDoc_STRVAR(squeeze_doc, "squeeze(text) -> \" \".join(text.split()) (text itself when already so).");

static PyObject *squeeze(PyObject *self, PyObject *text)
{
    (void)self;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "squeeze() takes a str");
        return NULL;
    }
    Splitter sp;
    sp.text = text;
    sp.kind = PyUnicode_KIND(text);
    sp.data = PyUnicode_DATA(text);
    sp.n = PyUnicode_GET_LENGTH(text);
    /* Already squeezed: no white space at either end, and white space only as single ' '. */
    int done = 1;
    for (Py_ssize_t i = 0; i < sp.n; i++) {
        Py_UCS4 c = AT(&sp, i);
        if (c == ' ' ? (i == 0 || i == sp.n - 1 || AT(&sp, i + 1) == ' ') : is_space(c)) { done = 0; break; }
    }
    if (done) {
        Py_INCREF(text);
        return text;
    }
    Py_ssize_t s = 0, e = sp.n;
    while (s < e && is_space(AT(&sp, s))) s++;
    while (e > s && is_space(AT(&sp, e - 1))) e--;
    return normalized(&sp, s, e);
}

static PyObject *split(PyObject *self, PyObject *args)
{
    (void)self;
    Splitter sp;
    Py_ssize_t start;
    int normalize;
    if (!PyArg_ParseTuple(args, "UniO!O!O!p", &sp.text, &start, &sp.cased, &PyFrozenSet_Type, &sp.titles,
                          &PyFrozenSet_Type, &sp.abbreviations, &PyFrozenSet_Type, &sp.openers, &normalize))
        return NULL;
    sp.kind = PyUnicode_KIND(sp.text);
    sp.data = PyUnicode_DATA(sp.text);
    sp.n = PyUnicode_GET_LENGTH(sp.text);
    if (sp.cased < 0 && (sp.cased = is_cased(&sp)) < 0) return NULL;
    if (start < 0 || start > sp.n) {
        PyErr_SetString(PyExc_ValueError, "start is outside the text");
        return NULL;
    }
    Spans spans = {NULL, 0, 0};
    Py_ssize_t pos = start, ms, me;
    while (next_candidate(&sp, &pos, &ms, &me)) {
        if (me <= start) continue;
        int boundary = is_boundary(&sp, ms, me);
        if (boundary < 0) goto fail;
        if (!boundary) continue;
        Py_ssize_t end = me, k = me; /* _PTB_CLOSE_QUOTE: \s+''(?=\s|$) */
        while (k < sp.n && is_space(AT(&sp, k))) k++;
        if (k > me && k + 1 < sp.n && AT(&sp, k) == '\'' && AT(&sp, k + 1) == '\''
            && (k + 2 == sp.n || is_space(AT(&sp, k + 2))))
            end = k + 2;
        if (append_span(&sp, start, end, &spans) < 0) goto fail;
        start = end;
    }
    if (append_span(&sp, start, sp.n, &spans) < 0) goto fail;
    PyObject *out = PyList_New(spans.len);
    if (out == NULL) goto fail;
    for (Py_ssize_t k = 0; k < spans.len; k++) {
        Py_ssize_t s = spans.v[2 * k], e = spans.v[2 * k + 1];
        PyObject *item = normalize ? normalized(&sp, s, e) : Py_BuildValue("(nn)", s, e);
        if (item == NULL) { Py_DECREF(out); goto fail; }
        PyList_SET_ITEM(out, k, item);
    }
    PyMem_Free(spans.v);
    return out;
fail:
    PyMem_Free(spans.v);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Per-sentence analysis of ASCII sentences                                 */
/* ------------------------------------------------------------------------ */

/* str.split()'s white space among ASCII characters (Py_UNICODE_ISSPACE). */
static int ascii_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31); }
static int ascii_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
static int ascii_word(unsigned char c) { return ascii_alnum(c) || c == '_'; } /* re's \w on ASCII */

/* _SAID on ASCII: said|says|told, any case, with \b on both sides. */

/* _QUOTE on ASCII: ``, '', ", ^' or "' ". */
static int has_quote(const unsigned char *s, Py_ssize_t n)
{
    if (n && s[0] == '\'') return 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s[i] == '"') return 1;
        if (i + 1 < n && ((s[i] == '`' && s[i + 1] == '`') || (s[i] == '\'' && (s[i + 1] == '\'' || s[i + 1] == ' '))))
            return 1;
    }
    return 0;
}

/* Interning of white-space tokens (byte strings) to ids 0, 1, ... */
typedef struct { const unsigned char **ptr; Py_ssize_t *len; int64_t *id; size_t mask; int64_t next; } TokTable;

static uint64_t hash_bytes(const unsigned char *p, Py_ssize_t n)
{
    /* A word-at-a-time multiplicative hash (only equality is ever trusted: keys are compared). */
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, p, (size_t)n);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
        h ^= h >> 29;
    }
    return h;
}

static int64_t tok_id(TokTable *t, const unsigned char *p, Py_ssize_t n)
{
    size_t i = (size_t)hash_bytes(p, n) & t->mask;
    for (;;) {
        if (t->ptr[i] == NULL) {
            t->ptr[i] = p; t->len[i] = n; t->id[i] = t->next;
            return t->next++;
        }
        if (t->len[i] == n && memcmp(t->ptr[i], p, (size_t)n) == 0) return t->id[i];
        i = (i + 1) & t->mask;
    }
}

/* Growable int64 buffer. */
typedef struct { int64_t *v; Py_ssize_t len, cap; } I64;

static int i64_push(I64 *b, int64_t x)
{
    if (b->len == b->cap) {
        Py_ssize_t cap = b->cap ? 2 * b->cap : 256;
        int64_t *v = (int64_t *)PyMem_Realloc(b->v, (size_t)cap * sizeof(int64_t));
        if (v == NULL) { PyErr_NoMemory(); return -1; }
        b->v = v;
        b->cap = cap;
    }
    b->v[b->len++] = x;
    return 0;
}

/* A word -> term-id cache in front of the analyser's memo dict, keyed by the
 * word's bytes: no str object per word, and no term object touched on a hit.
 * Term ids number the distinct terms (str equality) in order of first use;
 * `terms` maps them back.  -1 = a dropped word (memo value "").  It lives in a
 * capsule owned by the Python Analyzer, one per memo. */
#define KEY_MAX 24
typedef struct { uint64_t h; int32_t term; int32_t len; char key[KEY_MAX]; } CEntry; /* len 0 = empty */
typedef struct {
    CEntry *e;
    size_t mask, used;
    int rule;           /* 1: new words get their term here (the rule below), 0: from the memo */
    PyObject *stop;     /* rule: a set of words that are dropped, or NULL */
    int stem;           /* rule: Porter-stem words of 4+ characters */
    PyObject *terms;    /* list: term id -> term */
    PyObject *term_ids; /* dict: term -> term id */
} CCache;

static void cache_destroy(PyObject *capsule)
{
    CCache *c = (CCache *)PyCapsule_GetPointer(capsule, "summarize._ctext.cache");
    if (c == NULL) return;
    PyMem_Free(c->e);
    Py_XDECREF(c->terms);
    Py_XDECREF(c->term_ids);
    Py_XDECREF(c->stop);
    PyMem_Free(c);
}

PyDoc_STRVAR(new_cache_doc,
"new_cache([stop_words, stem]) -> cache\n\n"
"A new word -> term cache for analyze() and rouge_tokens(), one per memo.  Without\n"
"arguments, new words get their term from the memo.  With them, new ASCII words of\n"
"up to 24 characters get it here, as the memo's function would give it: \"\" (dropped)\n"
"for a word in stop_words (a set or frozenset, or None), else its Porter stem when\n"
"stem is true and it has 4 or more characters, else the word itself.");

static PyObject *new_cache(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *stop = NULL;
    int stem = 0;
    if (!PyArg_ParseTuple(args, "|Op", &stop, &stem)) return NULL;
    if (stop != NULL && stop != Py_None && !PyAnySet_Check(stop)) {
        PyErr_SetString(PyExc_TypeError, "stop_words must be a set, a frozenset or None");
        return NULL;
    }
    CCache *c = (CCache *)PyMem_Calloc(1, sizeof(CCache));
    if (c == NULL) return PyErr_NoMemory();
    c->rule = PyTuple_GET_SIZE(args) > 0;
    c->stem = stem;
    if (stop != NULL && stop != Py_None) {
        Py_INCREF(stop);
        c->stop = stop;
    }
    c->mask = 1023;
    c->e = (CEntry *)PyMem_Calloc(c->mask + 1, sizeof(CEntry));
    c->terms = PyList_New(0);
    c->term_ids = PyDict_New();
    PyObject *capsule = NULL;
    if (c->e && c->terms && c->term_ids) capsule = PyCapsule_New(c, "summarize._ctext.cache", cache_destroy);
    else if (!PyErr_Occurred()) PyErr_NoMemory();
    if (capsule == NULL) {
        PyMem_Free(c->e);
        Py_XDECREF(c->terms);
        Py_XDECREF(c->term_ids);
        Py_XDECREF(c->stop);
        PyMem_Free(c);
    }
    return capsule;
}

static int cache_grow(CCache *c)
{
    size_t size = 2 * (c->mask + 1);
    CEntry *e = (CEntry *)PyMem_Calloc(size, sizeof(CEntry));
    if (e == NULL) { PyErr_NoMemory(); return -1; }
    for (size_t i = 0; i <= c->mask; i++) {
        if (c->e[i].len == 0) continue;
        size_t j = (size_t)c->e[i].h & (size - 1);
        while (e[j].len != 0) j = (j + 1) & (size - 1);
        e[j] = c->e[i];
    }
    PyMem_Free(c->e);
    c->e = e;
    c->mask = size - 1;
    return 0;
}

/* Id of a term object (-1 for a falsy one: a dropped word); -2 on error. */
static int32_t term_id(CCache *c, PyObject *term)
{
    int truth = PyObject_IsTrue(term);
    if (truth <= 0) return truth < 0 ? -2 : -1;
    PyObject *known = PyDict_GetItemWithError(c->term_ids, term); /* borrowed */
    if (known != NULL) return (int32_t)PyLong_AsLong(known);
    if (PyErr_Occurred()) return -2;
    Py_ssize_t id = PyList_GET_SIZE(c->terms);
    if (id >= INT32_MAX - 1) { PyErr_SetString(PyExc_OverflowError, "too many distinct terms"); return -2; }
    PyObject *value = PyLong_FromSsize_t(id);
    if (value == NULL || PyDict_SetItem(c->term_ids, term, value) < 0 || PyList_Append(c->terms, term) < 0) {
        Py_XDECREF(value);
        return -2;
    }
    Py_DECREF(value);
    return (int32_t)id;
}

/* Term id of the ASCII word p[0:n] (memo[word] through the cache); -2 on error. */
static int32_t word_term_hashed(CCache *c, PyObject *memo, const char *p, Py_ssize_t n, uint64_t h)
{
    size_t i = (size_t)h & c->mask;
    if (n <= KEY_MAX) {
        for (; c->e[i].len != 0; i = (i + 1) & c->mask)
            if (c->e[i].h == h && c->e[i].len == n && memcmp(c->e[i].key, p, (size_t)n) == 0) return c->e[i].term;
    }
    PyObject *word = PyUnicode_FromStringAndSize(p, n);
    if (word == NULL) return -2;
    PyObject *term;
    if (c->rule && n <= KEY_MAX) { /* the memo's function, here (the cache keeps the answer) */
        int dropped = c->stop != NULL ? PySet_Contains(c->stop, word) : 0;
        if (dropped < 0) { Py_DECREF(word); return -2; }
        if (dropped) term = PyUnicode_New(0, 0);
        else if (c->stem && n >= 4) term = stem_ascii(p, n);
        else { Py_INCREF(word); term = word; }
    } else {
        term = PyDict_GetItemWithError(memo, word); /* borrowed */
        if (term != NULL) Py_INCREF(term);
        else if (!PyErr_Occurred()) term = PyObject_GetItem(memo, word); /* the memo's __missing__ */
    }
    Py_DECREF(word);
    if (term == NULL) return -2;
    int32_t id = term_id(c, term);
    Py_DECREF(term);
    if (id == -2 || n > KEY_MAX) return id;
    /* Probe again: a Python memo may have run code that used this cache (another thread), moving
     * or filling the slot the first probe stopped at. */
    for (i = (size_t)h & c->mask; c->e[i].len != 0; i = (i + 1) & c->mask)
        if (c->e[i].h == h && c->e[i].len == n && memcmp(c->e[i].key, p, (size_t)n) == 0) return c->e[i].term;
    c->e[i].h = h;
    c->e[i].len = (int32_t)n;
    c->e[i].term = id;
    memcpy(c->e[i].key, p, (size_t)n);
    if (++c->used * 2 > c->mask + 1 && cache_grow(c) < 0) return -2;
    return id;
}

static int32_t word_term(CCache *c, PyObject *memo, const char *p, Py_ssize_t n)
{
    return word_term_hashed(c, memo, p, n, hash_bytes((const unsigned char *)p, n));
}

/* An article's term columns: distinct terms numbered in order of first use, through a small
 * per-call map term id -> column (nothing per article is kept in the shared cache). */
typedef struct { I64 cols; I64 vocab; int32_t *key, *val; size_t mask; Py_ssize_t used; } Columns;

static size_t column_slot(const Columns *out, int32_t id)
{
    size_t i = (size_t)(((uint64_t)(uint32_t)id * 0x9E3779B97F4A7C15ULL) >> 32) & out->mask;
    while (out->key[i] != -1 && out->key[i] != id) i = (i + 1) & out->mask;
    return i;
}

static int columns_grow(Columns *out)
{
    size_t size = out->key == NULL ? 1024 : 2 * (out->mask + 1);
    int32_t *key = (int32_t *)PyMem_Malloc(size * sizeof(int32_t)), *val = (int32_t *)PyMem_Malloc(size * sizeof(int32_t));
    if (key == NULL || val == NULL) {
        PyMem_Free(key);
        PyMem_Free(val);
        PyErr_NoMemory();
        return -1;
    }
    for (size_t i = 0; i < size; i++) key[i] = -1;
    Columns grown = *out;
    grown.key = key;
    grown.val = val;
    grown.mask = size - 1;
    for (size_t i = 0; out->key != NULL && i <= out->mask; i++)
        if (out->key[i] != -1) {
            size_t j = column_slot(&grown, out->key[i]);
            key[j] = out->key[i];
            val[j] = out->val[i];
        }
    PyMem_Free(out->key);
    PyMem_Free(out->val);
    out->key = key;
    out->val = val;
    out->mask = size - 1;
    return 0;
}

static int add_term(CCache *c, Columns *out, int32_t id)
{
    (void)c;
    if ((out->key == NULL || 2 * (size_t)(out->used + 1) > out->mask + 1) && columns_grow(out) < 0) return -1;
    size_t i = column_slot(out, id);
    if (out->key[i] == -1) {
        out->key[i] = id;
        out->val[i] = (int32_t)out->vocab.len;
        out->used++;
        if (i64_push(&out->vocab, id) < 0) return -1;
    }
    return i64_push(&out->cols, out->val[i]);
}

/* Where scan_terms sends each kept term id. */
typedef int (*TermSink)(CCache *c, int32_t id, void *ctx);

static int sink_columns(CCache *c, int32_t id, void *ctx) { return add_term(c, (Columns *)ctx, id); }

static int sink_tokens(CCache *c, int32_t id, void *ctx)
{
    return PyList_Append((PyObject *)ctx, PyList_GET_ITEM(c->terms, id));
}

static inline int lower_alnum(Py_UCS4 ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'); }

/* A 4-letter word _SAID matches: said, says or told (lower-cased). */
static inline int said_word(const unsigned char *p)
{
    return (p[0] == 's' && p[1] == 'a' && ((p[2] == 'i' && p[3] == 'd') || (p[2] == 'y' && p[3] == 's')))
           || (p[0] == 't' && p[1] == 'o' && p[2] == 'l' && p[3] == 'd');
}

/* For each [a-z0-9]+ run of text[a:b] (lower-cased, any kind): its term id,
 * memo[word] through the cache; ids of kept terms go to sink (dropped words,
 * memo value "", do not).  Returns how many were kept, or -1 on error.  For
 * 1-byte text, *said (when not NULL) is set when a run is said/says/told with
 * no '_' next to it: then _SAID (\b(?:said|says|told)\b) matches there. */
static Py_ssize_t scan_terms(int kind, const void *data, Py_ssize_t a, Py_ssize_t b, CCache *c, PyObject *memo,
                             TermSink sink, void *ctx, int *said)
{
    Py_ssize_t count = 0;
    if (kind == PyUnicode_1BYTE_KIND) { /* the runs are contiguous ASCII bytes already: no copy */
        /* In batches: find the runs and hash them, prefetching their cache slots, then look them up.
         * The cache is megabytes: fetching the slots together hides most of the memory latency. */
        enum { BATCH = 32 };
        Py_ssize_t start[BATCH], len[BATCH];
        uint64_t hash[BATCH];
        const unsigned char *t = (const unsigned char *)data;
        for (Py_ssize_t i = a; i < b;) {
            int m = 0;
            while (m < BATCH && i < b) {
                if (!lower_alnum(t[i])) { i++; continue; }
                Py_ssize_t j = i + 1;
                while (j < b && lower_alnum(t[j])) j++;
                start[m] = i;
                len[m] = j - i;
                hash[m] = hash_bytes(t + i, j - i);
                PREFETCH(&c->e[(size_t)hash[m] & c->mask]);
                PREFETCH((const char *)&c->e[(size_t)hash[m] & c->mask] + sizeof(CEntry) - 1); /* may span 2 lines */
                m++;
                i = j;
            }
            for (int w = 0; w < m; w++) {
                Py_ssize_t s0 = start[w], e0 = s0 + len[w];
                if (said != NULL && len[w] == 4 && said_word(t + s0) && (s0 == 0 || t[s0 - 1] != '_')
                    && (e0 == b || t[e0] != '_'))
                    *said = 1;
                int32_t id = word_term_hashed(c, memo, (const char *)t + s0, len[w], hash[w]);
                if (id == -2) return -1;
                if (id >= 0) {
                    if (sink(c, id, ctx) < 0) return -1;
                    count++;
                }
            }
        }
        return count;
    }
    char small[256];
    for (Py_ssize_t i = a; i < b;) {
        if (!lower_alnum(PyUnicode_READ(kind, data, i))) { i++; continue; }
        Py_ssize_t j = i + 1;
        while (j < b && lower_alnum(PyUnicode_READ(kind, data, j))) j++;
        char *buf = (j - i <= (Py_ssize_t)sizeof(small)) ? small : (char *)PyMem_Malloc((size_t)(j - i));
        if (buf == NULL) { PyErr_NoMemory(); return -1; }
        for (Py_ssize_t k = i; k < j; k++) buf[k - i] = (char)PyUnicode_READ(kind, data, k);
        int32_t id = word_term(c, memo, buf, j - i);
        if (buf != small) PyMem_Free(buf);
        if (id == -2) return -1;
        if (id >= 0) {
            if (sink(c, id, ctx) < 0) return -1;
            count++;
        }
        i = j;
    }
    return count;
}

/* True if every non-ASCII character of a lower-cased text is one the analyser
 * treats as a separator: in its Latin/symbol blocks and not Chinese/Japanese
 * (summarize.features._LATIN_AND_SYMBOLS minus _CJK).  Its terms are then the
 * [a-z0-9]+ runs, as for ASCII text. */
static int latin_separators_only(int kind, const void *data, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) continue;
        int latin = c <= 0x036F || (c >= 0x1D00 && c <= 0x1EFF) || (c >= 0x2000 && c <= 0x2BFF)
                    || (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) || (c >= 0xAB30 && c <= 0xAB6F)
                    || (c >= 0xFB00 && c <= 0xFB06) || (c >= 0xFF00 && c <= 0xFFEF);
        if (!latin || (c >= 0xFF66 && c <= 0xFF9F)) return 0; /* half-width katakana are CJK terms */
    }
    return 1;
}

/* _QUOTE (``|''|"|“|”|^'|' ) on any text. */
static int has_quote_any(int kind, const void *data, Py_ssize_t n)
{
    if (n && PyUnicode_READ(kind, data, 0) == '\'') return 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '"' || c == 0x201C || c == 0x201D) return 1;
        if (i + 1 < n) {
            Py_UCS4 d = PyUnicode_READ(kind, data, i + 1);
            if ((c == '`' && d == '`') || (c == '\'' && (d == '\'' || d == ' '))) return 1;
        }
    }
    return 0;
}

/* The cache in `capsule` (from new_cache()) and `seq` as a fast sequence; -1 with an exception. */
static int cache_and_sentences(PyObject *capsule, PyObject *seq, CCache **cache, PyObject **fast)
{
    *cache = (CCache *)PyCapsule_GetPointer(capsule, "summarize._ctext.cache");
    if (*cache == NULL) return -1;
    *fast = PySequence_Fast(seq, "sentences must be a sequence of str");
    return *fast == NULL ? -1 : 0;
}

PyDoc_STRVAR(analyze_doc,
"analyze(sentences, cache, memo, fallback, said)\n"
"    -> (n_terms, cols, vocabulary, n_words, word_ids, n_ids, has_quote, has_said, alnum)\n\n"
"The analyser's terms of each sentence as matrix columns (memo[word] through the\n"
"cache from new_cache(); \"\" = dropped; distinct terms numbered in order of first\n"
"use, vocabulary lists them by column), white-space words (ids of the distinct words\n"
"of str.lower().split() in order of first use) and surface flags.  ASCII sentences\n"
"and sentences whose other characters all separate words are done here\n"
"(said(sentence) decides has_said for the latter); fallback(sentence) -> (terms,\n"
"has_quote, has_said, alnum_count) does the rest.  Arrays are bytes: int64 (n_terms,\n"
"cols, n_words, word_ids, alnum), float64 (flags).");

/* A growable byte arena (offsets stay valid when it moves). */
typedef struct { unsigned char *v; Py_ssize_t len, cap; } Arena;

static int arena_reserve(Arena *a, Py_ssize_t extra)
{
    if (a->len + extra <= a->cap) return 0;
    Py_ssize_t cap = a->cap ? a->cap : 1024;
    while (cap < a->len + extra) cap *= 2;
    unsigned char *v = (unsigned char *)PyMem_Realloc(a->v, (size_t)cap);
    if (v == NULL) { PyErr_NoMemory(); return -1; }
    a->v = v;
    a->cap = cap;
    return 0;
}

/* Push the white-space words of a lower-cased non-ASCII sentence as (length,
 * -(offset + 1)) pairs of their UTF-8 bytes in `arena` (surrogates encoded in
 * 3 bytes, as "surrogatepass": injective, and ASCII words keep their bytes, so
 * equal words get equal bytes whichever sentence they come from). */
static int push_split_words(PyObject *lowered, Arena *arena, I64 *code_buf, int64_t *words)
{
    int kind = PyUnicode_KIND(lowered);
    const void *data = PyUnicode_DATA(lowered);
    Py_ssize_t n = PyUnicode_GET_LENGTH(lowered);
    for (Py_ssize_t i = 0; i < n;) {
        while (i < n && is_space(PyUnicode_READ(kind, data, i))) i++;
        if (i == n) break;
        Py_ssize_t j = i;
        while (j < n && !is_space(PyUnicode_READ(kind, data, j))) j++;
        if (arena_reserve(arena, 4 * (j - i)) < 0) return -1;
        Py_ssize_t start = arena->len;
        unsigned char *out = arena->v + start;
        for (Py_ssize_t k = i; k < j; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, k);
            if (c < 0x80) *out++ = (unsigned char)c;
            else if (c < 0x800) { *out++ = (unsigned char)(0xC0 | (c >> 6)); *out++ = (unsigned char)(0x80 | (c & 0x3F)); }
            else if (c < 0x10000) {
                *out++ = (unsigned char)(0xE0 | (c >> 12));
                *out++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
                *out++ = (unsigned char)(0x80 | (c & 0x3F));
            } else {
                *out++ = (unsigned char)(0xF0 | (c >> 18));
                *out++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
                *out++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
                *out++ = (unsigned char)(0x80 | (c & 0x3F));
            }
        }
        arena->len = out - arena->v;
        if (i64_push(code_buf, arena->len - start) < 0 || i64_push(code_buf, -(int64_t)start - 1) < 0) return -1;
        (*words)++;
        i = j;
    }
    return 0;
}

/* _SAID on a text without non-ASCII letters or digits: then \w is [A-Za-z0-9_]
 * and only ASCII letters can match "said", "says" or "told" ignoring case. */
static int has_said_ascii_words(int kind, const void *data, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i + 4 <= n; i++) {
        char w[4];
        int ok = 1;
        for (int k = 0; k < 4; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i + k);
            if (c >= 128) { ok = 0; break; }
            w[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        if (!ok || !(memcmp(w, "said", 4) == 0 || memcmp(w, "says", 4) == 0 || memcmp(w, "told", 4) == 0)) continue;
        Py_UCS4 before = i ? PyUnicode_READ(kind, data, i - 1) : ' ';
        Py_UCS4 after = i + 4 < n ? PyUnicode_READ(kind, data, i + 4) : ' ';
        if (!(before < 128 && ascii_word((unsigned char)before)) && !(after < 128 && ascii_word((unsigned char)after)))
            return 1;
    }
    return 0;
}

static PyObject *analyze(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *seq, *capsule, *memo, *fallback, *said_fn;
    CCache *cache;
    PyObject *fast;
    if (!PyArg_ParseTuple(args, "OOO!OO", &seq, &capsule, &PyDict_Type, &memo, &fallback, &said_fn)
        || cache_and_sentences(capsule, seq, &cache, &fast) < 0)
        return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    PyObject *result = NULL, *vocabulary = NULL, *b_terms = NULL, *b_cols = NULL;
    Arena arena = {NULL, 0, 0};
    Columns columns = {{NULL, 0, 0}, {NULL, 0, 0}, NULL, NULL, 0, 0};
    int64_t *nt_buf = NULL;
    PyObject *n_words = NULL, *codes = NULL, *quote = NULL, *said = NULL, *alnum = NULL, *vocab = NULL;
    unsigned char *lower = NULL;
    TokTable table = {NULL, NULL, NULL, 0, 0};
    I64 code_buf = {NULL, 0, 0};
    int64_t *nw_buf = NULL, *a_buf = NULL;
    double *q_buf = NULL, *s_buf = NULL;

    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        if (!PyUnicode_Check(items[k])) {
            PyErr_SetString(PyExc_TypeError, "sentences must be str");
            goto done;
        }
        if (PyUnicode_IS_ASCII(items[k])) total += PyUnicode_GET_LENGTH(items[k]);
    }
    nt_buf = (int64_t *)PyMem_Malloc(((size_t)m + 1) * sizeof(int64_t));
    lower = (unsigned char *)PyMem_Malloc((size_t)total + 1);
    nw_buf = (int64_t *)PyMem_Malloc(((size_t)m + 1) * sizeof(int64_t));
    a_buf = (int64_t *)PyMem_Malloc(((size_t)m + 1) * sizeof(int64_t));
    q_buf = (double *)PyMem_Malloc(((size_t)m + 1) * sizeof(double));
    s_buf = (double *)PyMem_Malloc(((size_t)m + 1) * sizeof(double));
    if (!lower || !nw_buf || !a_buf || !q_buf || !s_buf || !nt_buf) { PyErr_NoMemory(); goto done; }
    Py_ssize_t off = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *sentence = items[k];
        int64_t words = 0;
        Py_ssize_t n_terms = 0;
        if (PyUnicode_IS_ASCII(sentence)) {
            const unsigned char *s = (const unsigned char *)PyUnicode_DATA(sentence);
            Py_ssize_t n = PyUnicode_GET_LENGTH(sentence);
            unsigned char *low = lower + off;
            off += n;
            int64_t alnums = 0;
            for (Py_ssize_t i = 0; i < n; i++) {
                unsigned char c = s[i];
                low[i] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
                alnums += ascii_alnum(c);
            }
            a_buf[k] = alnums;
            q_buf[k] = has_quote(s, n);
            int said = 0; /* set by the scan (an ASCII text has no other way to match _SAID) */
            if ((n_terms = scan_terms(PyUnicode_1BYTE_KIND, low, 0, n, cache, memo, sink_columns, &columns, &said)) < 0)
                goto done;
            s_buf[k] = said;
            for (Py_ssize_t i = 0; i < n;) { /* white-space words: (length, offset in `lower`) */
                while (i < n && ascii_space(low[i])) i++;
                if (i == n) break;
                Py_ssize_t j = i;
                while (j < n && !ascii_space(low[j])) j++;
                if (i64_push(&code_buf, j - i) < 0 || i64_push(&code_buf, (int64_t)(low + i - lower)) < 0) goto done;
                words++;
                i = j;
            }
        } else {
            PyObject *lowered = PyObject_CallMethod(sentence, "lower", NULL);
            if (lowered == NULL) goto done;
            int lkind = PyUnicode_KIND(lowered);
            const void *ldata = PyUnicode_DATA(lowered);
            Py_ssize_t ln = PyUnicode_GET_LENGTH(lowered);
            if (latin_separators_only(lkind, ldata, ln)) {
                int skind = PyUnicode_KIND(sentence);
                const void *sdata = PyUnicode_DATA(sentence);
                Py_ssize_t sn = PyUnicode_GET_LENGTH(sentence);
                int64_t alnums = 0;
                int wide_alnum = 0; /* a letter or digit outside ASCII */
                for (Py_ssize_t i = 0; i < sn; i++) {
                    Py_UCS4 c = PyUnicode_READ(skind, sdata, i);
                    if (c < 128) alnums += ascii_alnum((unsigned char)c);
                    else if (Py_UNICODE_ISALNUM(c)) { alnums++; wide_alnum = 1; }
                }
                a_buf[k] = alnums; /* [\W_] is everything but str.isalnum() characters */
                q_buf[k] = has_quote_any(skind, sdata, sn);
                int truth;
                if (!wide_alnum) truth = has_said_ascii_words(skind, sdata, sn);
                else { /* letters that may fold to ASCII ones: the regex decides */
                    PyObject *r = PyObject_CallFunctionObjArgs(said_fn, sentence, NULL);
                    truth = r == NULL ? -1 : PyObject_IsTrue(r);
                    Py_XDECREF(r);
                }
                if (truth < 0 || (n_terms = scan_terms(lkind, ldata, 0, ln, cache, memo, sink_columns, &columns, NULL)) < 0) {
                    Py_DECREF(lowered);
                    goto done;
                }
                s_buf[k] = truth;
            } else {
                PyObject *r = PyObject_CallFunctionObjArgs(fallback, sentence, NULL);
                if (r == NULL) { Py_DECREF(lowered); goto done; }
                if (!PyTuple_Check(r) || PyTuple_GET_SIZE(r) != 4) {
                    Py_DECREF(r);
                    Py_DECREF(lowered);
                    PyErr_SetString(PyExc_TypeError, "fallback must return (terms, quote, said, alnum)");
                    goto done;
                }
                PyObject *given = PySequence_Fast(PyTuple_GET_ITEM(r, 0), "fallback terms must be a sequence");
                if (given == NULL) { Py_DECREF(r); Py_DECREF(lowered); goto done; }
                for (Py_ssize_t t = 0; t < PySequence_Fast_GET_SIZE(given); t++) {
                    int32_t id = term_id(cache, PySequence_Fast_GET_ITEM(given, t));
                    if (id == -2 || (id >= 0 && add_term(cache, &columns, id) < 0)) {
                        Py_DECREF(given); Py_DECREF(r); Py_DECREF(lowered);
                        goto done;
                    }
                    n_terms += id >= 0;
                }
                Py_DECREF(given);
                q_buf[k] = PyObject_IsTrue(PyTuple_GET_ITEM(r, 1));
                s_buf[k] = PyObject_IsTrue(PyTuple_GET_ITEM(r, 2));
                a_buf[k] = PyLong_AsLongLong(PyTuple_GET_ITEM(r, 3));
                Py_DECREF(r);
                if (PyErr_Occurred()) { Py_DECREF(lowered); goto done; }
            }
            int failed = push_split_words(lowered, &arena, &code_buf, &words) < 0;
            Py_DECREF(lowered);
            if (failed) goto done;
        }
        nw_buf[k] = words;
        nt_buf[k] = n_terms;
    }
    /* Number the words in order of first use. */
    Py_ssize_t n_codes = code_buf.len / 2;
    size_t size = 16;
    while (size < 2 * (size_t)n_codes + 2) size <<= 1;
    table.ptr = (const unsigned char **)PyMem_Calloc(size, sizeof(char *));
    table.len = (Py_ssize_t *)PyMem_Malloc(size * sizeof(Py_ssize_t));
    table.id = (int64_t *)PyMem_Malloc(size * sizeof(int64_t));
    table.mask = size - 1;
    if (!table.ptr || !table.len || !table.id) { PyErr_NoMemory(); goto done; }
    for (Py_ssize_t c = 0; c < n_codes; c++) {
        int64_t len = code_buf.v[2 * c], where = code_buf.v[2 * c + 1];
        const unsigned char *p = where >= 0 ? lower + where : arena.v + (-where - 1);
        code_buf.v[c] = tok_id(&table, p, (Py_ssize_t)len); /* c <= 2c: never overwrites what is still to read */
    }
    n_words = PyBytes_FromStringAndSize((const char *)nw_buf, (Py_ssize_t)m * (Py_ssize_t)sizeof(int64_t));
    codes = PyBytes_FromStringAndSize(code_buf.v ? (const char *)code_buf.v : "", n_codes * (Py_ssize_t)sizeof(int64_t));
    quote = PyBytes_FromStringAndSize((const char *)q_buf, (Py_ssize_t)m * (Py_ssize_t)sizeof(double));
    said = PyBytes_FromStringAndSize((const char *)s_buf, (Py_ssize_t)m * (Py_ssize_t)sizeof(double));
    alnum = PyBytes_FromStringAndSize((const char *)a_buf, (Py_ssize_t)m * (Py_ssize_t)sizeof(int64_t));
    vocab = PyLong_FromLongLong(table.next);
    b_terms = PyBytes_FromStringAndSize((const char *)nt_buf, (Py_ssize_t)m * (Py_ssize_t)sizeof(int64_t));
    b_cols = PyBytes_FromStringAndSize(columns.cols.v ? (const char *)columns.cols.v : "",
                                       columns.cols.len * (Py_ssize_t)sizeof(int64_t));
    vocabulary = PyList_New(columns.vocab.len);
    if (vocabulary != NULL)
        for (Py_ssize_t t = 0; t < columns.vocab.len; t++) {
            PyObject *term = PyList_GET_ITEM(cache->terms, columns.vocab.v[t]);
            Py_INCREF(term);
            PyList_SET_ITEM(vocabulary, t, term);
        }
    if (n_words && codes && quote && said && alnum && vocab && b_terms && b_cols && vocabulary)
        result = PyTuple_Pack(9, b_terms, b_cols, vocabulary, n_words, codes, vocab, quote, said, alnum);
done:
    PyMem_Free(columns.key);
    PyMem_Free(columns.val);
    PyMem_Free(columns.cols.v);
    PyMem_Free(columns.vocab.v);
    PyMem_Free(nt_buf);
    Py_XDECREF(vocabulary);
    Py_XDECREF(b_terms);
    Py_XDECREF(b_cols);
    PyMem_Free(arena.v);
    Py_XDECREF(n_words);
    Py_XDECREF(codes);
    Py_XDECREF(quote);
    Py_XDECREF(said);
    Py_XDECREF(alnum);
    Py_XDECREF(vocab);
    PyMem_Free(lower);
    PyMem_Free((void *)table.ptr);
    PyMem_Free(table.len);
    PyMem_Free(table.id);
    PyMem_Free(code_buf.v);
    PyMem_Free(nw_buf);
    PyMem_Free(q_buf);
    PyMem_Free(s_buf);
    PyMem_Free(a_buf);
    Py_DECREF(fast);
    return result;
}

/* ------------------------------------------------------------------------ */
/* Greedy MMR selection with n-gram blocking                                */
/* ------------------------------------------------------------------------ */

/* numpy's argmax: the first NaN, else the first maximum. */
static Py_ssize_t argmax(const double *v, Py_ssize_t n)
{
    Py_ssize_t best = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (v[i] != v[i]) return i;
        if (v[i] > v[best]) best = i;
    }
    return best;
}

/* Hash of the n-gram of ids starting at p. */
static uint64_t gram_hash(const int64_t *p, Py_ssize_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (Py_ssize_t k = 0; k < n; k++) h = (h ^ (uint64_t)p[k]) * 0x100000001B3ULL + (h >> 29);
    return h;
}

PyDoc_STRVAR(mmr_doc,
"mmr(scores, similarity, n_words, preferred, cap, max_words, lam, word_ids, block_n) -> list of int\n\n"
"TfidfSummarizer's greedy selection, as summarize.selection.greedy_select with its\n"
"gain: values_i = scores_i - lam * max_{j selected} similarity[i, j] (when lam != 0 and\n"
"something is selected), -inf for sentences sharing a block_n-gram of word ids with\n"
"the selection (block_n = 0: off), -inf outside the pool (taken, or longer than the\n"
"words left when max_words >= 0); preferred sentences first; ties and NaN as numpy's\n"
"argmax.  Returns the selected indices, sorted.");

static PyObject *mmr(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *o_scores, *o_sim, *o_words, *o_pref, *o_ids;
    Py_ssize_t cap, max_words, block_n;
    double lam;
    if (!PyArg_ParseTuple(args, "OOOOnndOn", &o_scores, &o_sim, &o_words, &o_pref, &cap, &max_words, &lam, &o_ids,
                          &block_n))
        return NULL;
    Py_buffer b_scores = {0}, b_sim = {0}, b_words = {0}, b_pref = {0}, b_ids = {0};
    PyObject *out = NULL;
    double *values = NULL, *nearest = NULL;
    char *taken = NULL, *blocked = NULL;
    Py_ssize_t *start = NULL, *selected = NULL;
    uint64_t *set_hash = NULL;
    Py_ssize_t *set_pos = NULL;
    if (get_array(o_scores, &b_scores, "d", 8, -1, "scores") < 0) return NULL;
    Py_ssize_t n = b_scores.len / 8;
    if (get_array(o_sim, &b_sim, "d", 8, n * n, "similarity") < 0) goto done;
    if (get_array(o_words, &b_words, "q", 8, n, "n_words") < 0) goto done;
    if (get_array(o_pref, &b_pref, "?", 1, n, "preferred") < 0) goto done;
    if (get_array(o_ids, &b_ids, "q", 8, -1, "word_ids") < 0) goto done;
    const double *scores = (const double *)b_scores.buf, *sim = (const double *)b_sim.buf;
    const int64_t *n_words = (const int64_t *)b_words.buf, *ids = (const int64_t *)b_ids.buf;
    const char *preferred = (const char *)b_pref.buf;
    Py_ssize_t n_ids = b_ids.len / 8;
    values = (double *)PyMem_Malloc(((size_t)n + 1) * sizeof(double));
    nearest = (double *)PyMem_Malloc(((size_t)n + 1) * sizeof(double));
    taken = (char *)PyMem_Calloc((size_t)n + 1, 1);
    blocked = (char *)PyMem_Calloc((size_t)n + 1, 1);
    start = (Py_ssize_t *)PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    selected = (Py_ssize_t *)PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    size_t set_size = 16;
    while (set_size < 2 * (size_t)n_ids + 2) set_size <<= 1;
    set_hash = (uint64_t *)PyMem_Malloc(set_size * sizeof(uint64_t));
    set_pos = (Py_ssize_t *)PyMem_Malloc(set_size * sizeof(Py_ssize_t));
    if (!values || !nearest || !taken || !blocked || !start || !selected || !set_hash || !set_pos) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t i = 0; i < set_size; i++) set_pos[i] = -1;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        start[i] = total;
        total += n_words[i];
    }
    start[n] = total;
    if (total != n_ids) {
        PyErr_SetString(PyExc_ValueError, "word_ids must hold sum(n_words) ids");
        goto done;
    }
    Py_ssize_t count = 0;
    int64_t words_left = max_words;
    while (count < cap) {
        /* the pool: not taken and (no word budget or fits) */
        int any = 0;
        for (Py_ssize_t i = 0; i < n; i++)
            if (!taken[i] && (max_words < 0 || n_words[i] <= words_left)) { any = 1; break; }
        if (!any) break;
        for (Py_ssize_t i = 0; i < n; i++) {
            double v = scores[i];
            if (count && lam != 0.0) v = v - lam * nearest[i]; /* values - lam * sim[:, selected].max(axis=1) */
            if (blocked[i]) v = -INFINITY;
            if (taken[i] || (max_words >= 0 && n_words[i] > words_left)) v = -INFINITY;
            values[i] = v;
        }
        /* preferred first: if any preferred value is > -inf (or NaN: max is NaN, not > -inf) */
        double top = -INFINITY;
        int nan = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!preferred[i]) continue;
            if (values[i] != values[i]) nan = 1;
            else if (values[i] > top) top = values[i];
        }
        if (!nan && top > -INFINITY)
            for (Py_ssize_t i = 0; i < n; i++)
                if (!preferred[i]) values[i] = -INFINITY;
        Py_ssize_t best = argmax(values, n);
        if (values[best] == -INFINITY) break; /* everything left is excluded */
        selected[count] = best;
        taken[best] = 1;
        if (max_words >= 0) words_left -= n_words[best];
        /* nearest[i] = max over selected of sim[i, j] (numpy's max: NaN wins) */
        for (Py_ssize_t i = 0; i < n; i++) {
            double x = sim[i * n + best];
            if (count == 0) nearest[i] = x;
            else if (nearest[i] == nearest[i] && (x != x || x > nearest[i])) nearest[i] = x;
        }
        count++;
        /* n-gram blocking: add best's n-grams, then block every sentence sharing one */
        if (block_n > 0) {
            for (Py_ssize_t p = start[best]; p + block_n <= start[best + 1]; p++) {
                uint64_t h = gram_hash(ids + p, block_n);
                size_t slot = (size_t)h & (set_size - 1);
                int present = 0;
                for (; set_pos[slot] >= 0; slot = (slot + 1) & (set_size - 1))
                    if (set_hash[slot] == h && memcmp(ids + set_pos[slot], ids + p, (size_t)block_n * 8) == 0) {
                        present = 1;
                        break;
                    }
                if (!present) { set_hash[slot] = h; set_pos[slot] = p; }
            }
            for (Py_ssize_t i = 0; i < n; i++) {
                if (blocked[i]) continue;
                for (Py_ssize_t p = start[i]; p + block_n <= start[i + 1] && !blocked[i]; p++) {
                    uint64_t h = gram_hash(ids + p, block_n);
                    for (size_t slot = (size_t)h & (set_size - 1); set_pos[slot] >= 0; slot = (slot + 1) & (set_size - 1))
                        if (set_hash[slot] == h && memcmp(ids + set_pos[slot], ids + p, (size_t)block_n * 8) == 0) {
                            blocked[i] = 1;
                            break;
                        }
                }
            }
        }
    }
    /* sorted(selected) */
    for (Py_ssize_t a = 1; a < count; a++)
        for (Py_ssize_t b = a; b > 0 && selected[b - 1] > selected[b]; b--) {
            Py_ssize_t t = selected[b]; selected[b] = selected[b - 1]; selected[b - 1] = t;
        }
    out = PyList_New(count);
    if (out == NULL) goto done;
    for (Py_ssize_t a = 0; a < count; a++) {
        PyObject *x = PyLong_FromSsize_t(selected[a]);
        if (x == NULL) { Py_CLEAR(out); goto done; }
        PyList_SET_ITEM(out, a, x);
    }
done:
    if (b_scores.obj) PyBuffer_Release(&b_scores);
    if (b_sim.obj) PyBuffer_Release(&b_sim);
    if (b_words.obj) PyBuffer_Release(&b_words);
    if (b_pref.obj) PyBuffer_Release(&b_pref);
    if (b_ids.obj) PyBuffer_Release(&b_ids);
    PyMem_Free(values);
    PyMem_Free(nearest);
    PyMem_Free(taken);
    PyMem_Free(blocked);
    PyMem_Free(start);
    PyMem_Free(selected);
    PyMem_Free(set_hash);
    PyMem_Free(set_pos);
    return out;
}

/* ------------------------------------------------------------------------ */
/* ROUGE tokens                                                             */
/* ------------------------------------------------------------------------ */

PyDoc_STRVAR(rouge_tokens_doc,
"rouge_tokens(sentences, cache, memo, by_line) -> list\n\n"
"rouge-score's DefaultTokenizer on each sentence: lower-case (str.lower), keep the\n"
"[a-z0-9]+ runs, map each word through memo (word -> token, \"\" = dropped; a dict\n"
"whose __missing__ computes new words) with the cache from new_cache().  by_line:\n"
"one token list per non-empty line of \"\\n\".join(sentences) (ROUGE-Lsum's sentences);\n"
"otherwise one flat token list.");

static PyObject *rouge_tokens(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *seq, *capsule, *memo;
    int by_line;
    CCache *cache;
    PyObject *fast;
    if (!PyArg_ParseTuple(args, "OOO!p", &seq, &capsule, &PyDict_Type, &memo, &by_line)
        || cache_and_sentences(capsule, seq, &cache, &fast) < 0)
        return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    PyObject *result = PyList_New(0), *flat = by_line ? NULL : PyList_New(0);
    unsigned char small[1024];
    if (result == NULL || (!by_line && flat == NULL)) goto fail;
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *sentence = items[k];
        if (!PyUnicode_Check(sentence)) {
            PyErr_SetString(PyExc_TypeError, "sentences must be str");
            goto fail;
        }
        PyObject *lowered = NULL;
        int kind;
        const void *data;
        Py_ssize_t n = PyUnicode_GET_LENGTH(sentence);
        unsigned char *low = NULL;
        if (PyUnicode_IS_ASCII(sentence)) { /* lower-case A-Z here: str.lower on ASCII does only that */
            const unsigned char *src = (const unsigned char *)PyUnicode_DATA(sentence);
            low = n <= (Py_ssize_t)sizeof(small) ? small : (unsigned char *)PyMem_Malloc((size_t)n + 1);
            if (low == NULL) { PyErr_NoMemory(); goto fail; }
            for (Py_ssize_t i = 0; i < n; i++) low[i] = (src[i] >= 'A' && src[i] <= 'Z') ? src[i] + 32 : src[i];
            kind = PyUnicode_1BYTE_KIND;
            data = low;
        } else {
            lowered = PyObject_CallMethod(sentence, "lower", NULL);
            if (lowered == NULL) goto fail;
            kind = PyUnicode_KIND(lowered);
            data = PyUnicode_DATA(lowered);
            n = PyUnicode_GET_LENGTH(lowered);
        }
        int failed = 0;
        if (!by_line) {
            failed = scan_terms(kind, data, 0, n, cache, memo, sink_tokens, flat, NULL) < 0;
        } else {
            for (Py_ssize_t a = 0; a <= n && !failed;) { /* lines of the sentence; empty ones are dropped */
                Py_ssize_t b = a;
                while (b < n && PyUnicode_READ(kind, data, b) != '\n') b++;
                if (b > a) {
                    PyObject *line = PyList_New(0);
                    failed = line == NULL || PyList_Append(result, line) < 0
                             || scan_terms(kind, data, a, b, cache, memo, sink_tokens, line, NULL) < 0;
                    Py_XDECREF(line);
                }
                a = b + 1;
            }
        }
        if (low != NULL && low != small) PyMem_Free(low);
        Py_XDECREF(lowered);
        if (failed) goto fail;
    }
    Py_DECREF(fast);
    if (!by_line) { Py_DECREF(result); return flat; }
    return result;
fail:
    Py_DECREF(fast);
    Py_XDECREF(result);
    Py_XDECREF(flat);
    return NULL;
}

static PyMethodDef methods[] = {
    {"split", split, METH_VARARGS, "summarize.sentences.sentence_spans after the dateline; see the module doc."},
    {"analyze", analyze, METH_VARARGS, analyze_doc},
    {"squeeze", squeeze, METH_O, squeeze_doc},
    {"porter_stem", porter_stem, METH_O, "nltk's PorterStemmer().stem(word) for an ASCII word."},
    {"mmr", mmr, METH_VARARGS, mmr_doc},
    {"rouge_tokens", rouge_tokens, METH_VARARGS, rouge_tokens_doc},
    {"new_cache", new_cache, METH_VARARGS, new_cache_doc},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ctext", "Compiled kernels for the splitter and analyser.",
                                    -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__ctext(void)
{
    init_classes();
    return PyModule_Create(&module);
}
