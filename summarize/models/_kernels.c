/*
 * summarize.models._kernels: the numeric hot loops of the tfidf summarizer (optional; pip builds it
 * when a C compiler is there, and summarize.models.matrix / .learned / .selection hold the numpy
 * code it is tested against: the same selected sentences, scores within 1e-12).
 *
 * tfidf(n_terms, cols, n_cols, idf, by_df, tf_table) -> (similarity, centroid)
 *     the TF-IDF matrix from term columns, then the cosine similarities S and the centroid cosines.
 * features(similarity, centroid, n_words, n_terms, quote, said, alnum, log1p_table, log_n) -> features
 *     summarize.models.learned.sentence_features.
 * decision(features, mean, scale, coef, intercept) -> decision
 *     summarize.models.learned.LinearModel.decision.
 * mmr(scores, similarity, n_words, preferred, cap, max_words, lam, word_ids, block_n) -> indices
 *     the greedy MMR selection with n-gram blocking of summarize.models.tfidf.
 *
 * Language-independent: terms and words arrive as integer ids (the text layer made them).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A C-contiguous buffer of `count` items (any number when count < 0) of one
 * format ('d', 'q' or '?'); ValueError naming the argument otherwise. */
static int get_array(PyObject *obj, Py_buffer *view, const char *format, Py_ssize_t itemsize, Py_ssize_t count,
                     const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '<' || *f == '=' || *f == '@') f++;
    int format_ok = strcmp(f, format) == 0 || (format[0] == 'q' && strcmp(f, "l") == 0 && sizeof(long) == 8);
    if (!format_ok || view->itemsize != itemsize || (count >= 0 && view->len != count * itemsize)) {
        if (count >= 0)
            PyErr_Format(PyExc_ValueError, "%s must be a C-contiguous array of %zd items of format %s", name, count,
                         format);
        else
            PyErr_Format(PyExc_ValueError, "%s must be a C-contiguous array of format %s", name, format);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* One non-zero cell of the TF-IDF matrix: its column, the term's count in the row, its weight. */
typedef struct { int64_t col, count; double w; } Entry;

static int by_col(const void *a, const void *b)
{
    int64_t x = ((const Entry *)a)->col, y = ((const Entry *)b)->col;
    return (x > y) - (x < y);
}

static void sort_entries(Entry *e, Py_ssize_t n)
{
    if (n > 32) { qsort(e, (size_t)n, sizeof(Entry), by_col); return; }
    for (Py_ssize_t i = 1; i < n; i++) { /* insertion sort: rows are short */
        Entry x = e[i];
        Py_ssize_t j = i;
        for (; j > 0 && e[j - 1].col > x.col; j--) e[j] = e[j - 1];
        e[j] = x;
    }
}

/* A new bytearray of n doubles to fill in (n * 8 checked for overflow); a bytearray, so that
 * numpy.frombuffer gives writable arrays. */
static PyObject *new_doubles(Py_ssize_t n, double **data)
{
    if (n > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(double)) return PyErr_NoMemory();
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out != NULL) *data = (double *)PyByteArray_AS_STRING(out);
    return out;
}

PyDoc_STRVAR(tfidf_doc,
"tfidf(n_terms, cols, n_cols, idf, by_df, tf_table) -> (similarity, centroid)\n\n"
"n_terms (int64, one per sentence) and cols (int64, the column of each term\n"
"occurrence, sentence after sentence) as summarize.tfidf_matrix.matrix_from_columns\n"
"takes them; idf (float64): indexed by document frequency (by_df true, at least\n"
"n + 1 values) or by column (n_cols values); tf_table (float64, 1 + ln c by count c,\n"
"longer than any count) or None for raw counts.  Returns the (n, n) similarities\n"
"and the n centroid cosines as float64 bytearrays.");

static PyObject *tfidf(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *o_nt, *o_cols, *o_idf, *o_tf;
    Py_ssize_t n_cols;
    int by_df;
    if (!PyArg_ParseTuple(args, "OOnOpO", &o_nt, &o_cols, &n_cols, &o_idf, &by_df, &o_tf)) return NULL;
    Py_buffer b_nt = {0}, b_cols = {0}, b_idf = {0}, b_tf = {0};
    PyObject *result = NULL, *o_sim = NULL, *o_cen = NULL;
    int64_t *cnt = NULL, *df = NULL, *totals = NULL;
    Py_ssize_t *start = NULL, *owner = NULL;
    Entry *entries = NULL;
    double *idf = NULL, *wcol = NULL, *unit = NULL, *sim, *cen;
    if (get_array(o_nt, &b_nt, "q", 8, -1, "n_terms") < 0) return NULL;
    if (get_array(o_cols, &b_cols, "q", 8, -1, "cols") < 0) goto done;
    if (get_array(o_idf, &b_idf, "d", 8, -1, "idf") < 0) goto done;
    if (o_tf != Py_None && get_array(o_tf, &b_tf, "d", 8, -1, "tf_table") < 0) goto done;
    Py_ssize_t n = b_nt.len / 8, total = b_cols.len / 8, n_tf = o_tf == Py_None ? 0 : b_tf.len / 8;
    const int64_t *nt = (const int64_t *)b_nt.buf, *cols = (const int64_t *)b_cols.buf;
    const double *idf_in = (const double *)b_idf.buf, *table = (const double *)b_tf.buf;
    Py_ssize_t sum = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (nt[i] < 0 || nt[i] > total - sum) { PyErr_SetString(PyExc_ValueError, "n_terms must add up to len(cols)"); goto done; }
        sum += nt[i];
    }
    if (sum != total) { PyErr_SetString(PyExc_ValueError, "n_terms must add up to len(cols)"); goto done; }
    if (n_cols < 0 || b_idf.len / 8 < (by_df ? n + 1 : n_cols)) {
        PyErr_SetString(PyExc_ValueError, by_df ? "idf by df needs n_sentences + 1 values" : "idf needs n_cols values");
        goto done;
    }
    for (Py_ssize_t k = 0; k < total; k++)
        if (cols[k] < 0 || cols[k] >= n_cols) { PyErr_SetString(PyExc_ValueError, "cols must lie in [0, n_cols)"); goto done; }
    if (o_tf != Py_None && n_tf <= total) { /* a count (and an article total) is at most len(cols) */
        PyErr_SetString(PyExc_ValueError, "tf_table must be longer than len(cols)");
        goto done;
    }
    size_t nc = (size_t)n_cols + 1;
    cnt = (int64_t *)PyMem_Calloc(nc, sizeof(int64_t));
    df = (int64_t *)PyMem_Calloc(nc, sizeof(int64_t));
    totals = (int64_t *)PyMem_Calloc(nc, sizeof(int64_t));
    idf = (double *)PyMem_Malloc(nc * sizeof(double));
    wcol = (double *)PyMem_Calloc(nc, sizeof(double));
    owner = (Py_ssize_t *)PyMem_Malloc(nc * sizeof(Py_ssize_t));
    unit = (double *)PyMem_Malloc(nc * sizeof(double));
    start = (Py_ssize_t *)PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    entries = (Entry *)PyMem_Malloc(((size_t)total + 1) * sizeof(Entry));
    if (!cnt || !df || !totals || !idf || !wcol || !owner || !unit || !start || !entries) { PyErr_NoMemory(); goto done; }
    if (n > 0 && n > PY_SSIZE_T_MAX / n) { PyErr_NoMemory(); goto done; }
    if ((o_sim = new_doubles(n * n, &sim)) == NULL || (o_cen = new_doubles(n, &cen)) == NULL) goto done;

    /* Entries of each row, by column, with their counts. */
    Py_ssize_t e = 0, o = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        start[i] = e;
        for (int64_t k = 0; k < nt[i]; k++) {
            int64_t c = cols[o++];
            if (cnt[c]++ == 0) entries[e++].col = c;
        }
        sort_entries(entries + start[i], e - start[i]);
        for (Py_ssize_t k = start[i]; k < e; k++) {
            int64_t c = entries[k].col;
            entries[k].count = cnt[c];
            totals[c] += cnt[c];
            df[c]++;
            cnt[c] = 0;
        }
    }
    start[n] = e;
    for (Py_ssize_t t = 0; t < n_cols; t++) idf[t] = by_df ? idf_in[df[t]] : idf_in[t];

    /* w = x / ||x||, x = tf * idf, the norm's sum left to right. */
    for (Py_ssize_t i = 0; i < n; i++) {
        double acc = 0.0;
        for (Py_ssize_t k = start[i]; k < start[i + 1]; k++) {
            Entry *en = &entries[k];
            double tf = o_tf == Py_None ? (double)en->count : table[en->count];
            en->w = tf * idf[en->col];
            acc += en->w * en->w;
        }
        double norm = sqrt(acc);
        if (norm == 0.0) norm = 1.0;
        for (Py_ssize_t k = start[i]; k < start[i + 1]; k++) entries[k].w = entries[k].w / norm;
    }

    /* S(i, j) = S(j, i): over row j's entries by column, the products with row i's weight where row i
     * has the term too (owner marks them: terms of only one row add nothing, even with a non-finite idf). */
    for (Py_ssize_t t = 0; t < n_cols; t++) owner[t] = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        for (Py_ssize_t k = start[i]; k < start[i + 1]; k++) {
            wcol[entries[k].col] = entries[k].w;
            owner[entries[k].col] = i;
        }
        for (Py_ssize_t j = i; j < n; j++) {
            double acc = 0.0;
            for (Py_ssize_t k = start[j]; k < start[j + 1]; k++)
                if (owner[entries[k].col] == i) acc += wcol[entries[k].col] * entries[k].w;
            sim[i * n + j] = sim[j * n + i] = acc;
        }
    }

    /* The centroid: d = tf(totals) * idf, u = d / ||d||, centroid(i) = sum w * u. */
    double acc = 0.0;
    for (Py_ssize_t t = 0; t < n_cols; t++) {
        double tf = o_tf == Py_None ? (double)totals[t] : table[totals[t]];
        unit[t] = tf * idf[t];
        acc += unit[t] * unit[t];
    }
    double norm = sqrt(acc);
    for (Py_ssize_t t = 0; t < n_cols; t++) unit[t] = norm == 0.0 ? 0.0 : unit[t] / norm;
    for (Py_ssize_t i = 0; i < n; i++) {
        double c = 0.0;
        if (norm != 0.0)
            for (Py_ssize_t k = start[i]; k < start[i + 1]; k++) c += entries[k].w * unit[entries[k].col];
        cen[i] = c;
    }
    result = PyTuple_Pack(2, o_sim, o_cen);
done:
    Py_XDECREF(o_sim);
    Py_XDECREF(o_cen);
    PyMem_Free(cnt);
    PyMem_Free(df);
    PyMem_Free(totals);
    PyMem_Free(idf);
    PyMem_Free(wcol);
    PyMem_Free(owner);
    PyMem_Free(unit);
    PyMem_Free(start);
    PyMem_Free(entries);
    PyBuffer_Release(&b_nt);
    PyBuffer_Release(&b_cols);
    PyBuffer_Release(&b_idf);
    if (o_tf != Py_None) PyBuffer_Release(&b_tf);
    return result;
}

/* Column numbers of summarize.learned.FEATURES. */
enum {
    F_INV, F_REL, F_FIRST, F_SECOND, F_THIRD, F_FIRST5, F_LOG_WORDS, F_SHORT, F_LONG, F_CENTRALITY_NORM,
    F_CENTROID_NORM, F_CENTRALITY, F_CENTROID, F_SIM_FIRST, F_QUOTE, F_SAID, F_ALNUM, F_LOG_TERMS, F_LOG_N,
    F_EARLIER, F_LATER, F_LEAD3, F_4TH, F_LOG_WORDS_SQ = F_4TH + 7, F_INV_X_CENTRALITY, N_FEATURES
};

/* numpy's maximum of m and v: NaN wins (then stays). */
static inline double max2(double m, double v) { return (v > m || v != v) ? v : m; }

/* numpy's values.max() over n > 0 values (NaN if any is NaN). */
static double max_of(const double *v, Py_ssize_t n)
{
    double m = v[0];
    for (Py_ssize_t i = 1; i < n; i++) m = max2(m, v[i]);
    return m;
}

PyDoc_STRVAR(features_doc,
"features(similarity, centroid, n_words, n_terms, has_quote, has_said, alnum_ratio, log1p_table, log_n)\n"
"    -> bytearray\n\n"
"summarize.learned.sentence_features: the (n, 31) float64 feature rows (C order) of n\n"
"sentences; similarity (n * n float64), centroid and the flags (n float64), n_words and\n"
"n_terms (n int64), log1p_table (float64, ln(1 + k), longer than any word or term count),\n"
"log_n = np.log(n).");

static PyObject *features(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *o_sim, *o_cen, *o_words, *o_terms, *o_quote, *o_said, *o_alnum, *o_log;
    double log_n;
    if (!PyArg_ParseTuple(args, "OOOOOOOOd", &o_sim, &o_cen, &o_words, &o_terms, &o_quote, &o_said, &o_alnum, &o_log,
                          &log_n))
        return NULL;
    Py_buffer b_sim = {0}, b_cen = {0}, b_words = {0}, b_terms = {0}, b_quote = {0}, b_said = {0}, b_alnum = {0},
              b_log = {0};
    PyObject *out = NULL;
    double *cent = NULL, *f;
    if (get_array(o_cen, &b_cen, "d", 8, -1, "centroid") < 0) return NULL;
    Py_ssize_t n = b_cen.len / 8;
    if (n == 0) { PyErr_SetString(PyExc_ValueError, "features needs at least one sentence"); goto done; }
    if (n > PY_SSIZE_T_MAX / n || get_array(o_sim, &b_sim, "d", 8, n * n, "similarity") < 0
        || get_array(o_words, &b_words, "q", 8, n, "n_words") < 0 || get_array(o_terms, &b_terms, "q", 8, n, "n_terms") < 0
        || get_array(o_quote, &b_quote, "d", 8, n, "has_quote") < 0 || get_array(o_said, &b_said, "d", 8, n, "has_said") < 0
        || get_array(o_alnum, &b_alnum, "d", 8, n, "alnum_ratio") < 0 || get_array(o_log, &b_log, "d", 8, -1, "log1p_table") < 0)
        goto done;
    const double *S = (const double *)b_sim.buf, *centroid = (const double *)b_cen.buf;
    const double *quote = (const double *)b_quote.buf, *said = (const double *)b_said.buf;
    const double *alnum = (const double *)b_alnum.buf, *ln1p = (const double *)b_log.buf;
    const int64_t *words = (const int64_t *)b_words.buf, *terms = (const int64_t *)b_terms.buf;
    Py_ssize_t n_log = b_log.len / 8;
    for (Py_ssize_t i = 0; i < n; i++)
        if (words[i] < 0 || terms[i] < 0 || words[i] >= n_log || terms[i] >= n_log) {
            PyErr_SetString(PyExc_ValueError, "n_words and n_terms must be >= 0 and shorter than log1p_table");
            goto done;
        }
    cent = (double *)PyMem_Malloc((size_t)n * sizeof(double));
    if (cent == NULL) { PyErr_NoMemory(); goto done; }
    /* centrality_of: the off-diagonal row, added left to right as numpy's cumsum does (from its first value). */
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *row = S + i * n;
        double acc = i == 0 ? 0.0 : row[0];
        for (Py_ssize_t j = 1; j < n; j++) acc += j == i ? 0.0 : row[j];
        cent[i] = acc / (double)(n > 1 ? n - 1 : 1);
    }
    double top_cent = max_of(cent, n), top_cen = max_of(centroid, n);
    if ((out = new_doubles(n * N_FEATURES, &f)) == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++, f += N_FEATURES) {
        const double *row = S + i * n;
        double pos = (double)i, w = (double)words[i], log_words = ln1p[words[i]];
        double cn = top_cent > 0 ? cent[i] / top_cent : cent[i];
        double earlier = i > 0 ? max_of(row, i) : 0.0, later = i + 1 < n ? max_of(row + i + 1, n - i - 1) : 0.0;
        double lead3 = i == 0 ? 0.0 : row[0];
        for (Py_ssize_t j = 1; j < (n < 3 ? n : 3); j++) lead3 = max2(lead3, j == i ? 0.0 : row[j]);
        f[F_INV] = 1.0 / (1.0 + pos);
        f[F_REL] = pos / (double)n;
        f[F_FIRST] = i == 0;
        f[F_SECOND] = i == 1;
        f[F_THIRD] = i == 2;
        f[F_FIRST5] = i <= 4;
        f[F_LOG_WORDS] = log_words;
        f[F_SHORT] = w < 8;
        f[F_LONG] = w > 40;
        f[F_CENTRALITY_NORM] = cn;
        f[F_CENTROID_NORM] = top_cen > 0 ? centroid[i] / top_cen : centroid[i];
        f[F_CENTRALITY] = cent[i];
        f[F_CENTROID] = centroid[i];
        f[F_SIM_FIRST] = row[0];
        f[F_QUOTE] = quote[i];
        f[F_SAID] = said[i];
        f[F_ALNUM] = alnum[i];
        f[F_LOG_TERMS] = ln1p[terms[i]];
        f[F_LOG_N] = log_n;
        f[F_EARLIER] = earlier;
        f[F_LATER] = later;
        f[F_LEAD3] = lead3;
        for (int k = 0; k < 7; k++) f[F_4TH + k] = i == 3 + k;
        f[F_LOG_WORDS_SQ] = log_words * log_words;
        f[F_INV_X_CENTRALITY] = cn / (1.0 + pos);
    }
done:
    PyMem_Free(cent);
    PyBuffer_Release(&b_sim);
    PyBuffer_Release(&b_cen);
    PyBuffer_Release(&b_words);
    PyBuffer_Release(&b_terms);
    PyBuffer_Release(&b_quote);
    PyBuffer_Release(&b_said);
    PyBuffer_Release(&b_alnum);
    PyBuffer_Release(&b_log);
    return out;
}

PyDoc_STRVAR(decision_doc,
"decision(features, mean, scale, coef, intercept) -> bytearray\n\n"
"summarize.learned.LinearModel.decision: for each row f of features ((n, k) float64,\n"
"C order; mean, scale, coef k float64), sum_k ((f_k - mean_k) / scale_k) * coef_k added\n"
"left to right from k = 0, plus intercept; n float64.  features must be 2-D with k columns.");

static PyObject *decision(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *o_f, *o_mean, *o_scale, *o_coef;
    double intercept;
    if (!PyArg_ParseTuple(args, "OOOOd", &o_f, &o_mean, &o_scale, &o_coef, &intercept)) return NULL;
    Py_buffer b_f = {0}, b_mean = {0}, b_scale = {0}, b_coef = {0};
    PyObject *out = NULL;
    double *d;
    if (get_array(o_mean, &b_mean, "d", 8, -1, "mean") < 0) return NULL;
    Py_ssize_t k = b_mean.len / 8;
    if (k == 0) { PyErr_SetString(PyExc_ValueError, "decision needs at least one feature"); goto done; }
    if (get_array(o_scale, &b_scale, "d", 8, k, "scale") < 0 || get_array(o_coef, &b_coef, "d", 8, k, "coef") < 0
        || get_array(o_f, &b_f, "d", 8, -1, "features") < 0)
        goto done;
    if (b_f.len % (8 * k) != 0) { PyErr_SetString(PyExc_ValueError, "features must have one column per coefficient"); goto done; }
    Py_ssize_t n = b_f.len / (8 * k);
    const double *f = (const double *)b_f.buf, *mean = (const double *)b_mean.buf;
    const double *scale = (const double *)b_scale.buf, *coef = (const double *)b_coef.buf;
    if ((out = new_doubles(n, &d)) == NULL) goto done;
    for (Py_ssize_t i = 0; i < n; i++, f += k) {
        double acc = ((f[0] - mean[0]) / scale[0]) * coef[0];
        for (Py_ssize_t c = 1; c < k; c++) acc += ((f[c] - mean[c]) / scale[c]) * coef[c];
        d[i] = acc + intercept;
    }
done:
    PyBuffer_Release(&b_f);
    PyBuffer_Release(&b_mean);
    PyBuffer_Release(&b_scale);
    PyBuffer_Release(&b_coef);
    return out;
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

static PyMethodDef methods[] = {
    {"tfidf", tfidf, METH_VARARGS, tfidf_doc},
    {"features", features, METH_VARARGS, features_doc},
    {"decision", decision, METH_VARARGS, decision_doc},
    {"mmr", mmr, METH_VARARGS, mmr_doc},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", "Numeric hot loops of the tfidf summarizer.",
                                    -1, methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__kernels(void) { return PyModule_Create(&module); }
