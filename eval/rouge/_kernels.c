/*
 * eval.rouge._kernels: compiled ROUGE counting for eval.rouge.fast (optional; the
 * pure-Python code in eval/rouge/fast.py gives the same numbers and is used
 * when this module was not built).  Language-independent: tokens arrive as
 * Python strings, already made by a tokenizer.
 *
 * score(cand, ref, ns, want_l, want_lsum)
 *                    ROUGE-N for each n in ns, then ROUGE-L, then ROUGE-Lsum,
 *                    each as a (precision, recall, f) tuple, computed exactly as
 *                    eval/rouge/fast.py does (and so as rouge-score does): the
 *                    same integer counts, the same correctly rounded int/int
 *                    divisions and the same F expression, operand for operand
 *                    (built with -ffp-contract=off so no fused multiply-add
 *                    changes a rounding).
 *
 * Tokens are interned to small integers per call (hash + equality of the
 * Python objects), n-grams to integers level by level ((n-1)-gram id, token
 * id) -> n-gram id, so no n-gram is ever compared through a lossy hash.
 *
 * words_new(), words_ids(table, text), gather(ids, rows, stride, width, first):
 *                    the white-space word table of eval.rouge.word_ids (shared by
 *                    ROUGE tokenising and the summarizer's analyser) and the sums
 *                    of per-word rows made in Python; language-independent.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Interning                                                                */
/* ------------------------------------------------------------------------ */

/* Open addressing, power-of-two size, keys are Python objects (hash + ==). */
typedef struct { PyObject **keys; Py_hash_t *hashes; int32_t *ids; size_t mask; int32_t next; } ObjTable;
/* The same for 64-bit keys (n-gram = previous n-gram id << 32 | token id). */
typedef struct { uint64_t *keys; int32_t *ids; size_t mask; int32_t next; } IntTable;

static size_t table_size(Py_ssize_t n)
{
    size_t size = 16;
    while (size < (size_t)n * 2 + 2) size <<= 1;
    return size;
}

static int objtable_init(ObjTable *t, Py_ssize_t n)
{
    size_t size = table_size(n);
    t->keys = (PyObject **)PyMem_Calloc(size, sizeof(PyObject *));
    t->hashes = (Py_hash_t *)PyMem_Malloc(size * sizeof(Py_hash_t));
    t->ids = (int32_t *)PyMem_Malloc(size * sizeof(int32_t));
    t->mask = size - 1;
    t->next = 0;
    return (t->keys && t->hashes && t->ids) ? 0 : -1;
}

static void objtable_free(ObjTable *t)
{
    PyMem_Free(t->keys);
    PyMem_Free(t->hashes);
    PyMem_Free(t->ids);
}

/* Id of `key` (a new one if unseen), -1 with an exception set on error. */
static int32_t objtable_id(ObjTable *t, PyObject *key)
{
    Py_hash_t h = PyObject_Hash(key);
    if (h == -1 && PyErr_Occurred()) return -1;
    size_t i = (size_t)h & t->mask;
    for (;;) {
        PyObject *other = t->keys[i];
        if (other == NULL) {
            t->keys[i] = key; /* borrowed: the caller's lists keep it alive */
            t->hashes[i] = h;
            t->ids[i] = t->next;
            return t->next++;
        }
        if (other == key) return t->ids[i];
        if (t->hashes[i] == h) {
            int eq = PyObject_RichCompareBool(other, key, Py_EQ);
            if (eq < 0) return -1;
            if (eq) return t->ids[i];
        }
        i = (i + 1) & t->mask;
    }
}

static int inttable_init(IntTable *t, Py_ssize_t n)
{
    size_t size = table_size(n);
    t->keys = (uint64_t *)PyMem_Malloc(size * sizeof(uint64_t));
    t->ids = (int32_t *)PyMem_Malloc(size * sizeof(int32_t));
    t->mask = size - 1;
    t->next = 0;
    if (!t->keys || !t->ids) return -1;
    for (size_t i = 0; i < size; i++) t->ids[i] = -1;
    return 0;
}

static void inttable_free(IntTable *t)
{
    PyMem_Free(t->keys);
    PyMem_Free(t->ids);
}

static int32_t inttable_id(IntTable *t, uint64_t key)
{
    uint64_t h = key * 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h >> 20) & t->mask;
    for (;;) {
        if (t->ids[i] < 0) {
            t->keys[i] = key;
            t->ids[i] = t->next;
            return t->next++;
        }
        if (t->keys[i] == key) return t->ids[i];
        i = (i + 1) & t->mask;
    }
}

/* ------------------------------------------------------------------------ */
/* A tokenised text: token ids, concatenated, with sentence offsets         */
/* ------------------------------------------------------------------------ */

typedef struct { int32_t *tok; Py_ssize_t len; Py_ssize_t *start; Py_ssize_t nsent; } Text;

static void text_free(Text *t)
{
    PyMem_Free(t->tok);
    PyMem_Free(t->start);
}

/* Count tokens of a sequence of sequences (fast sequences kept in `fast`). */
static int text_load(PyObject *sentences, PyObject **fast_out, Py_ssize_t *count)
{
    PyObject *fast = PySequence_Fast(sentences, "sentences must be a sequence of token sequences");
    if (fast == NULL) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject *inner = PyList_New(n);
    if (inner == NULL) { Py_DECREF(fast); return -1; }
    Py_ssize_t total = 0;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *sent = PySequence_Fast(PySequence_Fast_GET_ITEM(fast, s), "each sentence must be a sequence of tokens");
        if (sent == NULL) { Py_DECREF(inner); Py_DECREF(fast); return -1; }
        total += PySequence_Fast_GET_SIZE(sent);
        PyList_SET_ITEM(inner, s, sent);
    }
    Py_DECREF(fast);
    *fast_out = inner;
    *count = total;
    return 0;
}

static int text_intern(PyObject *inner, Py_ssize_t total, ObjTable *table, Text *t)
{
    Py_ssize_t n = PyList_GET_SIZE(inner);
    t->tok = (int32_t *)PyMem_Malloc(((size_t)total + 1) * sizeof(int32_t));
    t->start = (Py_ssize_t *)PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    t->len = total;
    t->nsent = n;
    if (!t->tok || !t->start) { PyErr_NoMemory(); return -1; }
    Py_ssize_t pos = 0;
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *sent = PyList_GET_ITEM(inner, s);
        Py_ssize_t m = PySequence_Fast_GET_SIZE(sent);
        PyObject **items = PySequence_Fast_ITEMS(sent);
        t->start[s] = pos;
        for (Py_ssize_t j = 0; j < m; j++) {
            int32_t id = objtable_id(table, items[j]);
            if (id < 0) return -1;
            t->tok[pos++] = id;
        }
    }
    t->start[n] = pos;
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Scores                                                                   */
/* ------------------------------------------------------------------------ */

static PyObject *triple(Py_ssize_t hits, Py_ssize_t cand_total, Py_ssize_t ref_total)
{
    /* int / int in Python is correctly rounded; so is double / double of two
     * exactly representable integers (counts are far below 2**53). */
    double p = (double)hits / (double)cand_total;
    double r = (double)hits / (double)ref_total;
    double f = (p + r > 0) ? 2 * p * r / (p + r) : 0.0; /* ((2*p)*r)/(p+r), as rouge-score */
    return Py_BuildValue("(ddd)", p, r, f);
}

static PyObject *zero_triple(void) { return Py_BuildValue("(ddd)", 0.0, 0.0, 0.0); }

static Py_ssize_t max1(Py_ssize_t x) { return x > 1 ? x : 1; }

/* Overlap sum_g min(#cand g, #ref g) of the grams whose ids are in a and b. */
static Py_ssize_t overlap(const int32_t *a, Py_ssize_t na, const int32_t *b, Py_ssize_t nb, int32_t *counts)
{
    Py_ssize_t hits = 0;
    for (Py_ssize_t i = 0; i < nb; i++) counts[b[i]]++;
    for (Py_ssize_t i = 0; i < na; i++) {
        if (counts[a[i]] > 0) { counts[a[i]]--; hits++; }
    }
    for (Py_ssize_t i = 0; i < nb; i++) counts[b[i]] = 0;
    return hits;
}

#if defined(_MSC_VER)
#include <intrin.h>
static int popcount64(uint64_t x) { return (int)__popcnt64(x); }
static int clz64(uint64_t x) { unsigned long i; _BitScanReverse64(&i, x); return 63 - (int)i; }
#else
static int popcount64(uint64_t x) { return __builtin_popcountll(x); }
static int clz64(uint64_t x) { return __builtin_clzll(x); }
#endif

/* Words of 64 bits for the bit-parallel LCS (Allison-Dix / Hyyro). */
typedef uint64_t word_t;

/* v = ((v + u) | (v - u)) & full, u = v & m, over w words. */
static void lcs_step(word_t *v, const word_t *m, Py_ssize_t w, word_t top_mask)
{
    word_t carry = 0, borrow = 0;
    for (Py_ssize_t x = 0; x < w; x++) {
        word_t vx = v[x], u = vx & m[x];
        word_t sum = vx + u;
        word_t c1 = sum < vx;
        word_t sum2 = sum + carry;
        word_t c2 = sum2 < sum;
        word_t diff = vx - u;
        word_t b1 = vx < u;
        word_t diff2 = diff - borrow;
        word_t b2 = diff < borrow;
        v[x] = sum2 | diff2;
        carry = c1 | c2;
        borrow = b1 | b2;
    }
    v[w - 1] &= top_mask;
}

static Py_ssize_t popcount_low(const word_t *v, Py_ssize_t j)
{
    Py_ssize_t count = 0, x = 0;
    for (; (x + 1) * 64 <= j; x++) count += popcount64(v[x]);
    if (j % 64) count += popcount64(v[x] & ((((word_t)1) << (j % 64)) - 1));
    return count;
}

/* 1 + index of the highest set bit below bit j (0 if none). */
static Py_ssize_t bit_length_low(const word_t *v, Py_ssize_t j)
{
    Py_ssize_t x = (j - 1) / 64;
    word_t w = v[x];
    if (j % 64) w &= (((word_t)1) << (j % 64)) - 1;
    for (;;) {
        if (w) return x * 64 + 64 - clz64(w);
        if (x == 0) return 0;
        w = v[--x];
    }
}

/* Match masks of b over its positions, one row of w words per distinct token:
 * slot[id] is the row of token id (ids not in b keep slot -1).  Only distinct
 * tokens get a row, so memory is (distinct tokens) x w words.  NULL on error. */
static word_t *make_masks(const int32_t *b, Py_ssize_t nb, int32_t *slot, Py_ssize_t w)
{
    Py_ssize_t used = 0;
    for (Py_ssize_t j = 0; j < nb; j++)
        if (slot[b[j]] < 0) slot[b[j]] = (int32_t)used++;
    word_t *masks = (word_t *)PyMem_Calloc((size_t)used * (size_t)w, sizeof(word_t));
    if (masks == NULL) {
        for (Py_ssize_t j = 0; j < nb; j++) slot[b[j]] = -1;
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t j = 0; j < nb; j++) masks[slot[b[j]] * w + j / 64] |= ((word_t)1) << (j % 64);
    return masks;
}

static void clear_slots(const int32_t *b, Py_ssize_t nb, int32_t *slot)
{
    for (Py_ssize_t j = 0; j < nb; j++) slot[b[j]] = -1;
}

static word_t top_mask_of(Py_ssize_t n)
{
    return (n % 64) ? ((((word_t)1) << (n % 64)) - 1) : ~(word_t)0;
}

/* LCS length of a and b, bit-parallel over b. */
static int lcs_length(const int32_t *a, Py_ssize_t na, const int32_t *b, Py_ssize_t nb, int32_t *slot,
                      Py_ssize_t *out)
{
    if (na > nb) { const int32_t *t = a; a = b; b = t; Py_ssize_t tn = na; na = nb; nb = tn; }
    Py_ssize_t w = (nb + 63) / 64;
    word_t *v = (word_t *)PyMem_Malloc((size_t)w * sizeof(word_t));
    if (!v) { PyErr_NoMemory(); return -1; }
    word_t *masks = make_masks(b, nb, slot, w);
    if (!masks) { PyMem_Free(v); return -1; }
    word_t top = top_mask_of(nb);
    for (Py_ssize_t x = 0; x < w; x++) v[x] = ~(word_t)0;
    v[w - 1] &= top;
    for (Py_ssize_t i = 0; i < na; i++) {
        int32_t s = slot[a[i]];
        if (s >= 0) lcs_step(v, masks + s * w, w, top);
    }
    *out = nb - popcount_low(v, nb);
    clear_slots(b, nb, slot);
    PyMem_Free(masks);
    PyMem_Free(v);
    return 0;
}

/* Mark in `in_union` the positions in ref of the LCS that rouge-score's
 * lcs_ind backtrack picks (see _add_lcs_positions in fast_rouge.py). */
static int add_lcs_positions(const int32_t *ref, Py_ssize_t nr, const int32_t *cand, Py_ssize_t nc,
                             const int32_t *slot, const word_t *masks, Py_ssize_t w, char *in_union)
{
    word_t *rows = (word_t *)PyMem_Malloc(((size_t)nr + 1) * (size_t)w * sizeof(word_t));
    if (!rows) { PyErr_NoMemory(); return -1; }
    word_t top = top_mask_of(nc);
    for (Py_ssize_t x = 0; x < w; x++) rows[x] = ~(word_t)0;
    rows[w - 1] &= top;
    for (Py_ssize_t i = 0; i < nr; i++) {
        word_t *row = rows + (i + 1) * w;
        memcpy(row, row - w, (size_t)w * sizeof(word_t));
        int32_t s = slot[ref[i]];
        if (s >= 0) lcs_step(row, masks + s * w, w, top);
    }
    Py_ssize_t i = nr, j = nc;
    Py_ssize_t value = j - popcount_low(rows + i * w, j);
    while (value) {
        int32_t token = ref[i - 1];
        if (token != cand[j - 1]) {
            if (j - popcount_low(rows + (i - 1) * w, j) == value) { i--; continue; }
            if (slot[token] < 0) break; /* cannot happen: L[i][j] > L[i-1][j] needs a match */
            j = bit_length_low(masks + slot[token] * w, j); /* left, to the nearest match */
        }
        i--;
        j--;
        value--;
        in_union[i] = 1;
    }
    PyMem_Free(rows);
    return 0;
}

static PyObject *lsum_triple(const Text *cand, const Text *ref, int32_t vocab, int32_t *slot)
{
    if (!cand->len || !ref->len) return zero_triple();
    char *in_union = (char *)PyMem_Calloc((size_t)ref->len + 1, 1);
    int32_t *ucount = (int32_t *)PyMem_Calloc((size_t)vocab + 1, sizeof(int32_t));
    if (!in_union || !ucount) {
        PyMem_Free(in_union); PyMem_Free(ucount);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t c = 0; c < cand->nsent; c++) {
        const int32_t *ct = cand->tok + cand->start[c];
        Py_ssize_t nc = cand->start[c + 1] - cand->start[c];
        if (!nc) continue;
        Py_ssize_t cw = (nc + 63) / 64;
        word_t *masks = make_masks(ct, nc, slot, cw);
        int failed = masks == NULL;
        for (Py_ssize_t r = 0; !failed && r < ref->nsent; r++) {
            Py_ssize_t nr = ref->start[r + 1] - ref->start[r];
            if (nr && add_lcs_positions(ref->tok + ref->start[r], nr, ct, nc, slot, masks, cw,
                                        in_union + ref->start[r]) < 0)
                failed = 1;
        }
        if (masks) clear_slots(ct, nc, slot);
        PyMem_Free(masks);
        if (failed) { PyMem_Free(in_union); PyMem_Free(ucount); return NULL; }
    }
    /* hits = sum_t min(#t in the unions, #t in the candidate) */
    for (Py_ssize_t i = 0; i < ref->len; i++) if (in_union[i]) ucount[ref->tok[i]]++;
    Py_ssize_t hits = 0;
    for (Py_ssize_t i = 0; i < cand->len; i++) {
        int32_t t = cand->tok[i];
        if (ucount[t] > 0) { ucount[t]--; hits++; }
    }
    PyMem_Free(in_union);
    PyMem_Free(ucount);
    return triple(hits, cand->len, ref->len);
}

/* ROUGE-N for every n in ns: grams interned level by level. */
static int ngram_triples(const Text *cand, const Text *ref, const long *ns, Py_ssize_t count, int32_t vocab,
                         PyObject *out)
{
    long maxn = 0;
    for (Py_ssize_t q = 0; q < count; q++) if (ns[q] > maxn) maxn = ns[q];
    Py_ssize_t total = cand->len + ref->len;
    int32_t *grams = (int32_t *)PyMem_Malloc(((size_t)total + 1) * sizeof(int32_t));
    int32_t *counts = (int32_t *)PyMem_Calloc((size_t)(total > vocab ? total : vocab) + 1, sizeof(int32_t));
    IntTable table = {0};
    if (!grams || !counts || inttable_init(&table, total) < 0) {
        PyMem_Free(grams); PyMem_Free(counts); inttable_free(&table);
        PyErr_NoMemory();
        return -1;
    }
    /* grams[0:cand->len] = candidate n-grams, grams[cand->len:] = reference n-grams, at level n */
    memcpy(grams, cand->tok, (size_t)cand->len * sizeof(int32_t));
    memcpy(grams + cand->len, ref->tok, (size_t)ref->len * sizeof(int32_t));
    PyObject *results[16] = {0};
    for (long n = 1; n <= maxn; n++) {
        Py_ssize_t nc = cand->len - n + 1, nr = ref->len - n + 1;
        if (n > 1) {
            table.next = 0;
            for (size_t i = 0; i <= table.mask; i++) table.ids[i] = -1;
            for (Py_ssize_t i = 0; i < nc; i++)
                grams[i] = inttable_id(&table, ((uint64_t)(uint32_t)grams[i] << 32) | (uint32_t)cand->tok[i + n - 1]);
            for (Py_ssize_t i = 0; i < nr; i++)
                grams[cand->len + i] = inttable_id(&table, ((uint64_t)(uint32_t)grams[cand->len + i] << 32)
                                                   | (uint32_t)ref->tok[i + n - 1]);
        }
        PyObject *score = NULL;
        for (Py_ssize_t q = 0; q < count; q++) {
            if (ns[q] != n) continue;
            if (score == NULL) {
                Py_ssize_t hits = (nc > 0 && nr > 0) ? overlap(grams, nc, grams + cand->len, nr, counts) : 0;
                score = triple(hits, max1(nc), max1(nr));
                if (score == NULL) goto fail;
                results[n] = score;
            }
        }
    }
    for (Py_ssize_t q = 0; q < count; q++) {
        Py_INCREF(results[ns[q]]);
        PyTuple_SET_ITEM(out, q, results[ns[q]]);
    }
    for (int n = 0; n < 16; n++) Py_XDECREF(results[n]);
    PyMem_Free(grams); PyMem_Free(counts); inttable_free(&table);
    return 0;
fail:
    for (int n = 0; n < 16; n++) Py_XDECREF(results[n]);
    PyMem_Free(grams); PyMem_Free(counts); inttable_free(&table);
    return -1;
}

PyDoc_STRVAR(score_doc,
"score(candidate_sentences, reference_sentences, ns, want_l, want_lsum)\n\n"
"ROUGE-n for each n in ns (1..9), then ROUGE-L if want_l, then ROUGE-Lsum if\n"
"want_lsum, each a (precision, recall, f) tuple, equal to eval.fast_rouge's\n"
"pure-Python scores.  Sentences are sequences of hashable tokens.");

static PyObject *score(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *cand_obj, *ref_obj, *ns_obj;
    int want_l, want_lsum;
    if (!PyArg_ParseTuple(args, "OOOpp", &cand_obj, &ref_obj, &ns_obj, &want_l, &want_lsum)) return NULL;
    PyObject *ns_fast = PySequence_Fast(ns_obj, "ns must be a sequence of ints");
    if (ns_fast == NULL) return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(ns_fast);
    long ns[16];
    if (count > 16) { Py_DECREF(ns_fast); PyErr_SetString(PyExc_ValueError, "at most 16 n-gram orders"); return NULL; }
    for (Py_ssize_t q = 0; q < count; q++) {
        ns[q] = PyLong_AsLong(PySequence_Fast_GET_ITEM(ns_fast, q));
        if (ns[q] == -1 && PyErr_Occurred()) { Py_DECREF(ns_fast); return NULL; }
        if (ns[q] < 1 || ns[q] > 9) {
            Py_DECREF(ns_fast);
            PyErr_Format(PyExc_ValueError, "n-gram order %ld is not in 1..9", ns[q]);
            return NULL;
        }
    }
    Py_DECREF(ns_fast);

    PyObject *cand_inner = NULL, *ref_inner = NULL, *out = NULL;
    Py_ssize_t cand_total, ref_total;
    Text cand = {0}, ref = {0};
    ObjTable table = {0};
    int32_t *slot = NULL;
    if (text_load(cand_obj, &cand_inner, &cand_total) < 0) goto done;
    if (text_load(ref_obj, &ref_inner, &ref_total) < 0) goto done;
    if (objtable_init(&table, cand_total + ref_total) < 0) { PyErr_NoMemory(); goto done; }
    if (text_intern(cand_inner, cand_total, &table, &cand) < 0) goto done;
    if (text_intern(ref_inner, ref_total, &table, &ref) < 0) goto done;
    int32_t vocab = table.next;
    slot = (int32_t *)PyMem_Malloc(((size_t)vocab + 1) * sizeof(int32_t));
    if (!slot) { PyErr_NoMemory(); goto done; }
    for (int32_t i = 0; i <= vocab; i++) slot[i] = -1;

    out = PyTuple_New(count + want_l + want_lsum);
    if (out == NULL) goto done;
    if (count && ngram_triples(&cand, &ref, ns, count, vocab, out) < 0) { Py_CLEAR(out); goto done; }
    Py_ssize_t at = count;
    if (want_l) {
        PyObject *t;
        if (!cand.len || !ref.len) t = zero_triple();
        else {
            Py_ssize_t lcs;
            if (lcs_length(ref.tok, ref.len, cand.tok, cand.len, slot, &lcs) < 0) { Py_CLEAR(out); goto done; }
            t = triple(lcs, cand.len, ref.len);
        }
        if (t == NULL) { Py_CLEAR(out); goto done; }
        PyTuple_SET_ITEM(out, at++, t);
    }
    if (want_lsum) {
        PyObject *t = lsum_triple(&cand, &ref, vocab, slot);
        if (t == NULL) { Py_CLEAR(out); goto done; }
        PyTuple_SET_ITEM(out, at++, t);
    }
done:
    Py_XDECREF(cand_inner);
    Py_XDECREF(ref_inner);
    text_free(&cand);
    text_free(&ref);
    objtable_free(&table);
    PyMem_Free(slot);
    return out;
}

/* ------------------------------------------------------------------------ */
/* White-space words -> ids (a table that lives as long as its capsule)     */
/* ------------------------------------------------------------------------ */

/* A slot holds a word's hash (its high 32 bits), id, and place in `chars`: a look-up reads one slot and,
 * when the hash matches, the word's code points (two cache lines, where a dict of str reads three). */
typedef struct { uint32_t hash, id, start, len; } Slot;
typedef struct { Py_UCS4 *chars; size_t nchars, cap_chars; Slot *slots; size_t mask; uint32_t n; } Words;

static void words_free(PyObject *capsule)
{
    Words *w = (Words *)PyCapsule_GetPointer(capsule, "words");
    if (w != NULL) { PyMem_Free(w->chars); PyMem_Free(w->slots); PyMem_Free(w); }
}

static PyObject *words_new(PyObject *self, PyObject *args)
{
    (void)self; (void)args;
    Words *w = (Words *)PyMem_Calloc(1, sizeof(Words));
    if (w == NULL) return PyErr_NoMemory();
    w->cap_chars = 8192; w->mask = 2047;
    w->chars = (Py_UCS4 *)PyMem_Malloc(w->cap_chars * sizeof(Py_UCS4));
    w->slots = (Slot *)PyMem_Calloc(w->mask + 1, sizeof(Slot)); /* len 0: empty (words are never empty) */
    PyObject *capsule = PyCapsule_New(w, "words", words_free);
    if (capsule == NULL) { PyMem_Free(w->chars); PyMem_Free(w->slots); PyMem_Free(w); return NULL; }
    if (!w->chars || !w->slots) { Py_DECREF(capsule); return PyErr_NoMemory(); }
    return capsule;
}

/* The id of text[s:e] (hash h), a new one (-2 - id) when unseen; -1 when out of memory. */
static int64_t words_id(Words *w, int kind, const void *data, Py_ssize_t s, Py_ssize_t e, uint64_t h)
{
    uint32_t len = (uint32_t)(e - s), tag = (uint32_t)(h >> 32);
    size_t i = (size_t)h & w->mask;
    for (Slot *slot; (slot = w->slots + i)->len; i = (i + 1) & w->mask) {
        if (slot->hash != tag || slot->len != len) continue;
        const Py_UCS4 *c = w->chars + slot->start;
        uint32_t k = 0;
        while (k < len && c[k] == PyUnicode_READ(kind, data, s + (Py_ssize_t)k)) k++;
        if (k == len) return slot->id;
    }
    if (w->nchars + len > w->cap_chars || (size_t)w->n * 2 >= w->mask) { /* grow */
        size_t cap_chars = w->cap_chars;
        while (w->nchars + len > cap_chars) cap_chars *= 2;
        if (w->nchars + len > UINT32_MAX || w->n == INT32_MAX) return -1;
        Py_UCS4 *chars = (Py_UCS4 *)PyMem_Realloc(w->chars, cap_chars * sizeof(Py_UCS4));
        if (!chars) return -1;
        w->chars = chars; w->cap_chars = cap_chars;
        if ((size_t)w->n * 2 >= w->mask) {
            size_t mask = 2 * w->mask + 1;
            Slot *slots = (Slot *)PyMem_Calloc(mask + 1, sizeof(Slot));
            if (!slots) return -1;
            for (size_t j = 0; j <= w->mask; j++) {
                if (!w->slots[j].len) continue;
                const Py_UCS4 *c = w->chars + w->slots[j].start;
                uint64_t g = 1469598103934665603ULL;
                for (uint32_t k = 0; k < w->slots[j].len; k++) g = (g ^ c[k]) * 1099511628211ULL;
                size_t at = (size_t)(g ^ (g >> 29)) & mask;
                while (slots[at].len) at = (at + 1) & mask;
                slots[at] = w->slots[j];
            }
            PyMem_Free(w->slots);
            w->slots = slots; w->mask = mask;
        }
        i = (size_t)h & w->mask;
        while (w->slots[i].len) i = (i + 1) & w->mask;
    }
    for (uint32_t k = 0; k < len; k++) w->chars[w->nchars + k] = PyUnicode_READ(kind, data, s + (Py_ssize_t)k);
    w->slots[i] = (Slot){tag, w->n, (uint32_t)w->nchars, len};
    w->nchars += len;
    return -2 - (int64_t)w->n++;
}

PyDoc_STRVAR(words_ids_doc,
"words_ids(table, text) -> (ids, new)\n\n"
"ids: bytearray of the int64 id of each word of text.split(); new: the words\n"
"seen for the first time, in order (their ids are the next ones).");

static PyObject *words_ids(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *capsule, *text;
    if (!PyArg_ParseTuple(args, "OU", &capsule, &text)) return NULL;
    Words *w = (Words *)PyCapsule_GetPointer(capsule, "words");
    if (w == NULL) return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), n = 0, i = 0;
    PyObject *ids = PyByteArray_FromStringAndSize(NULL, (len / 2 + 1) * (Py_ssize_t)sizeof(int64_t));
    PyObject *new = PyList_New(0);
    if (ids == NULL || new == NULL) goto fail;
    int64_t *out = (int64_t *)PyByteArray_AS_STRING(ids);
    for (;;) {
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        if (i == len) break;
        Py_ssize_t s = i;
        uint64_t h = 1469598103934665603ULL;
        for (Py_UCS4 c; i < len && !Py_UNICODE_ISSPACE(c = PyUnicode_READ(kind, data, i)); i++)
            h = (h ^ c) * 1099511628211ULL;
        int64_t id = words_id(w, kind, data, s, i, h ^ (h >> 29));
        if (id == -1) { PyErr_NoMemory(); goto fail; }
        if (id < -1) {
            id = -2 - id;
            PyObject *word = PyUnicode_Substring(text, s, i);
            if (word == NULL || PyList_Append(new, word) < 0) { Py_XDECREF(word); goto fail; }
            Py_DECREF(word);
        }
        out[n++] = id;
    }
    if (PyByteArray_Resize(ids, n * (Py_ssize_t)sizeof(int64_t)) < 0) goto fail;
    return Py_BuildValue("(NN)", ids, new);
fail:
    Py_XDECREF(ids); Py_XDECREF(new);
    return NULL;
}

PyDoc_STRVAR(gather_doc,
"gather(ids, rows, stride, width, first) -> (sums, cols, distinct), or None\n\n"
"ids (int64): words, a segment starting at each 0 (words before the first 0 are\n"
"skipped); rows (int32, `stride` per word id): (1, n, more, ..., n item ids); first\n"
"(int32, -1 at every item id, left so).  sums: int64 (width, segments), the sum of\n"
"each segment's rows' first `width` values; cols: int64, the items numbered 0, 1, ...\n"
"in order of first use; distinct: int64, the items by number.  None when a row's\n"
"`more` is set (its items do not fit).");

static PyObject *gather(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *ids_obj, *rows_obj, *first_obj, *sums = NULL, *cols = NULL, *distinct = NULL;
    Py_ssize_t stride, width;
    if (!PyArg_ParseTuple(args, "OOnnO", &ids_obj, &rows_obj, &stride, &width, &first_obj)) return NULL;
    Py_buffer iv, rv, fv;
    if (PyObject_GetBuffer(ids_obj, &iv, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (PyObject_GetBuffer(rows_obj, &rv, PyBUF_C_CONTIGUOUS) < 0) { PyBuffer_Release(&iv); return NULL; }
    if (PyObject_GetBuffer(first_obj, &fv, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&iv); PyBuffer_Release(&rv); return NULL;
    }
    const int64_t *ids = (const int64_t *)iv.buf;
    const int32_t *rows = (const int32_t *)rv.buf;
    int32_t *first = (int32_t *)fv.buf;
    Py_ssize_t n = iv.len / 8, nrows = stride > 0 ? rv.len / 4 / stride : 0, nfirst = fv.len / 4, nseg = 0, total = 0;
    PyObject *result = NULL;
    if (width < 2 || stride < width) { PyErr_SetString(PyExc_ValueError, "need 2 <= width <= stride"); goto done; }
    for (Py_ssize_t k = 0; k < n; k++) {
        if (ids[k] < 0 || ids[k] >= nrows) { PyErr_SetString(PyExc_ValueError, "a word id has no row"); goto done; }
        const int32_t *row = rows + ids[k] * stride;
        if (ids[k] == 0) nseg++;
        else if (nseg) {
            if (row[2] || row[1] < 0 || row[1] > stride - width) { result = Py_None; Py_INCREF(result); goto done; }
            total += row[1];
        }
    }
    sums = PyByteArray_FromStringAndSize(NULL, nseg * width * 8);
    cols = PyByteArray_FromStringAndSize(NULL, total * 8);
    distinct = PyByteArray_FromStringAndSize(NULL, total * 8);
    if (!sums || !cols || !distinct) goto done;
    int64_t *sum = (int64_t *)PyByteArray_AS_STRING(sums), *col = (int64_t *)PyByteArray_AS_STRING(cols);
    int64_t *dist = (int64_t *)PyByteArray_AS_STRING(distinct);
    memset(sum, 0, (size_t)(nseg * width) * 8);
    Py_ssize_t seg = -1, at = 0, nd = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const int32_t *row = rows + ids[k] * stride;
        if (ids[k] == 0) { seg++; continue; }
        if (seg < 0) continue;
        for (Py_ssize_t j = 0; j < width; j++) sum[j * nseg + seg] += row[j];
        for (int32_t j = 0; j < row[1]; j++) {
            int32_t t = row[width + j];
            if (t < 0 || t >= nfirst) { PyErr_SetString(PyExc_ValueError, "an item id is out of range"); goto reset; }
            if (first[t] < 0) { first[t] = (int32_t)nd; dist[nd++] = t; }
            col[at++] = first[t];
        }
    }
reset:
    for (Py_ssize_t k = 0; k < nd; k++) first[dist[k]] = -1;
    if (!PyErr_Occurred() && PyByteArray_Resize(distinct, nd * 8) == 0)
        result = Py_BuildValue("(OOO)", sums, cols, distinct);
done:
    Py_XDECREF(sums); Py_XDECREF(cols); Py_XDECREF(distinct);
    PyBuffer_Release(&iv); PyBuffer_Release(&rv); PyBuffer_Release(&fv);
    return result;
}


static PyMethodDef methods[] = {
    {"score", score, METH_VARARGS, score_doc},
    {"words_new", words_new, METH_NOARGS, "words_new() -> an empty white-space word table"},
    {"words_ids", words_ids, METH_VARARGS, words_ids_doc},
    {"gather", gather, METH_VARARGS, gather_doc},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", "Compiled ROUGE counting for eval.rouge.fast.", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__kernels(void) { return PyModule_Create(&module); }
