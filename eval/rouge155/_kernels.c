/* ROUGE-1.5.5's LCS and weighted-LCS back-trace marks (eval.rouge155.measures has the same in Python).
 *
 * marks(model, model_ends, peer, peer_ends, weight) -> bytearray
 *   model, peer: int32 token ids of all sentences, concatenated; *_ends: int64 end offset of each sentence.
 *   weight: 0 for ROUGE-L, else ROUGE-W's w.  Returns one byte per model token: 1 where the union, over the
 *   peer sentences, of the script's back-traced (W)LCS marks the token.
 * Ties go as in the script's lcs_inner / wlcs_inner / markLCS: a match always goes diagonal, "up" when
 * c[i-1][j] >= c[i][j-1], and ROUGE-W adds (k+1)^w - k^w in that order.  Compiled with
 * -ffp-contract=off, so the sums round as Perl's and Python's do. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static void mark(const int32_t *a, Py_ssize_t m, const int32_t *b, Py_ssize_t n, double w,
                 double *c, int32_t *run, char *mask)
{
    Py_ssize_t i, j, width = n + 1;
    for (j = 0; j <= n; j++) { c[j] = 0.0; run[j] = 0; }
    for (i = 1; i <= m; i++) {
        double *row = c + i * width, *prev = row - width;
        int32_t *rrow = run + i * width, *rprev = rrow - width;
        row[0] = 0.0;
        rrow[0] = 0;
        for (j = 1; j <= n; j++) {
            if (a[i - 1] == b[j - 1]) {
                if (w > 0.0) {
                    int32_t k = rprev[j - 1];
                    row[j] = prev[j - 1] + pow((double)(k + 1), w) - pow((double)k, w);
                    rrow[j] = k + 1;
                } else {
                    row[j] = prev[j - 1] + 1.0;
                }
            } else {
                row[j] = prev[j] >= row[j - 1] ? prev[j] : row[j - 1];
                rrow[j] = 0;
            }
        }
    }
    i = m;
    j = n;
    while (i && j) {
        if (a[i - 1] == b[j - 1]) {
            i--;
            j--;
            mask[i] = 1;
        } else if (c[(i - 1) * width + j] >= c[i * width + j - 1]) {
            i--;
        } else {
            j--;
        }
    }
}

static PyObject *marks(PyObject *self, PyObject *args)
{
    Py_buffer mt, me, pt, pe;
    double w;
    PyObject *out = NULL;
    double *c = NULL;
    int32_t *run = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*d", &mt, &me, &pt, &pe, &w))
        return NULL;
    const int32_t *model = mt.buf, *peer = pt.buf;
    const int64_t *mends = me.buf, *pends = pe.buf;
    Py_ssize_t n_model = me.len / 8, n_peer = pe.len / 8, s, t, longest_m = 0, longest_p = 0, start;
    for (s = 0, start = 0; s < n_model; start = mends[s++])
        if (mends[s] - start > longest_m) longest_m = mends[s] - start;
    for (t = 0, start = 0; t < n_peer; start = pends[t++])
        if (pends[t] - start > longest_p) longest_p = pends[t] - start;
    out = PyByteArray_FromStringAndSize(NULL, mt.len / 4);
    size_t cells = (size_t)(longest_m + 1) * (size_t)(longest_p + 1);
    c = malloc(cells * sizeof(double));
    run = malloc(cells * sizeof(int32_t));
    if (out == NULL || c == NULL || run == NULL) {
        if (out != NULL) { Py_DECREF(out); out = NULL; }
        if (c == NULL || run == NULL) PyErr_NoMemory();
        goto done;
    }
    char *mask = PyByteArray_AS_STRING(out);
    for (s = 0; s < mt.len / 4; s++) mask[s] = 0;
    Py_ssize_t ms = 0;
    for (s = 0; s < n_model; ms = mends[s++]) {
        Py_ssize_t ps = 0;
        for (t = 0; t < n_peer; ps = pends[t++])
            if (mends[s] > ms && pends[t] > ps)
                mark(model + ms, mends[s] - ms, peer + ps, pends[t] - ps, w, c, run, mask + ms);
    }
done:
    free(c);
    free(run);
    PyBuffer_Release(&mt);
    PyBuffer_Release(&me);
    PyBuffer_Release(&pt);
    PyBuffer_Release(&pe);
    return out;
}

static PyMethodDef methods[] = {
    {"marks", marks, METH_VARARGS, "Union of ROUGE-1.5.5's (W)LCS back-trace marks over the peer sentences."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernels", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernels(void) { return PyModule_Create(&module); }
